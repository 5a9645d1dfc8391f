import type { Partner } from '../domain/partner.js';

export interface PartnerRepository {
  list(): Promise<Partner[]>;
  /** Adds the partner unless one with its id is registered already. */
  ensure(partner: Partner): Promise<void>;
}
