import { authorize, type Principal } from '@onewindow/auth';
import type { Partner } from '../domain/partner.js';
import type { PartnerRepository } from './ports.js';

export class ListPartners {
  constructor(private readonly partners: PartnerRepository) {}

  async execute(principal: Principal): Promise<Partner[]> {
    authorize(principal, 'partner.list');
    return this.partners.list();
  }
}
