import type { DelegationCreatedData, DelegationRevokedData } from '@onewindow/events/catalog';
import type { DelegationRepository } from './ports.js';

/** Approval's own copy of identity's stand-ins (AB角), from its events. Idempotent. */
export class RecordDelegation {
  constructor(private readonly delegations: DelegationRepository) {}

  created(d: DelegationCreatedData): Promise<void> {
    return this.delegations.created({
      id: d.delegationId,
      principalId: d.principalId,
      principalUsername: d.principalUsername,
      substituteId: d.substituteId,
      substituteUsername: d.substituteUsername,
      orgUnit: d.orgUnit,
      agency: d.agency,
      role: d.role,
      from: d.from,
      until: d.until,
      createdAt: d.createdAt,
    });
  }

  revoked(d: DelegationRevokedData): Promise<void> {
    return this.delegations.revoked(d.delegationId, d.revokedAt);
  }
}
