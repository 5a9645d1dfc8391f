import { authorize, type Principal } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import { licenceIdFrom } from './licence-id-input.js';
import type { LicenceRepository } from './ports.js';

export type ReuseRefusal = 'NOT_FOUND' | 'NOT_HOLDER' | 'REVOKED' | 'WRONG_TYPE';

export interface ReuseCheck {
  readonly usable: boolean;
  readonly reason: ReuseRefusal | '';
  readonly licenceType: string;
  readonly holderName: string;
  readonly status: string;
  readonly issuedAt: string;
}

export interface ReuseRequest {
  readonly licenceId: string;
  readonly holderId: string;
  /** Empty: any type will do. */
  readonly licenceType: string;
}

const refused = (reason: ReuseRefusal): ReuseCheck => ({ usable: false, reason, licenceType: '', holderName: '', status: '', issuedAt: '' });

/**
 * 免证办: whether a licence from the holder's library may replace a paper
 * copy in an application for that holder. The caller must be allowed to
 * use the holder's licences (the holder, or a window clerk); the answer
 * says no more than usable or why not.
 */
export class CheckLicenceForReuse {
  constructor(private readonly licences: LicenceRepository) {}

  async execute(principal: Principal, request: ReuseRequest): Promise<ReuseCheck> {
    const holderId = request.holderId.trim();
    if (!holderId) throw invalid('HOLDER_ID_REQUIRED', 'the holder is required', [{ field: 'holderId', message: 'required' }]);
    authorize(principal, 'licence.reuse', { applicantId: holderId });
    const licence = await this.licences.get(licenceIdFrom(request.licenceId));
    if (!licence) return refused('NOT_FOUND');
    if (licence.holderId !== holderId) return refused('NOT_HOLDER');
    if (licence.status !== 'VALID') return refused('REVOKED');
    const wanted = request.licenceType.trim();
    if (wanted && licence.licenceType !== wanted) return refused('WRONG_TYPE');
    return {
      usable: true,
      reason: '',
      licenceType: licence.licenceType,
      holderName: licence.holderName,
      status: licence.status,
      issuedAt: licence.issuedAt,
    };
  }
}
