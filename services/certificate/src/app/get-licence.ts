import { authorize, type Principal } from '@onewindow/auth';
import { notFound } from '@onewindow/kernel';
import type { Licence } from '../domain/licence.js';
import { licenceIdFrom } from './licence-id-input.js';
import type { LicenceRepository } from './ports.js';

/** A licence in full, for its holder and for the staff the policy lets read licences. */
export class GetLicence {
  constructor(private readonly licences: LicenceRepository) {}

  async execute(principal: Principal, request: { licenceId: string }): Promise<Licence> {
    const id = licenceIdFrom(request.licenceId);
    const licence = await this.licences.get(id);
    if (!licence) throw notFound('LICENCE_NOT_FOUND', `no licence ${id}`);
    authorize(principal, 'licence.read', { applicantId: licence.holderId });
    return licence;
  }
}
