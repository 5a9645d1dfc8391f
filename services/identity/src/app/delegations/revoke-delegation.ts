import { authorize, type Principal } from '@onewindow/auth';
import { EVENT_TYPES, newEvent, toOutboxMessage } from '@onewindow/events/catalog';
import { notFound } from '@onewindow/kernel';
import { revokeDelegation, type Delegation } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import { EVENT_SOURCE } from '../event-source.js';
import type { DelegationDeps } from './create-delegation.js';

/** Ends a delegation now; `delegation.revoked` is written with it. */
export class RevokeDelegation {
  constructor(private readonly deps: DelegationDeps) {}

  async execute(caller: Principal, delegationId: string): Promise<Delegation> {
    const stored = await this.deps.delegations.get(delegationId);
    const d = stored?.delegation;
    authorize(caller, 'delegation.manage', { principalId: d?.principalId ?? '', substituteId: d?.substituteId, orgUnit: d?.orgUnit, agency: d?.agency });
    if (!stored || !d) throw notFound('DELEGATION_NOT_FOUND', `no delegation ${delegationId}`);
    const now = this.deps.clock.now();
    const revoked = revokeDelegation(d, caller.subject, now);
    const event = newEvent({
      type: EVENT_TYPES.DELEGATION_REVOKED,
      source: EVENT_SOURCE,
      subject: d.id,
      time: now,
      data: { delegationId: d.id, principalId: d.principalId, substituteId: d.substituteId, revokedAt: now.toISOString() },
    });
    await this.deps.delegations.update(revoked, stored.version, [toOutboxMessage(event)]);
    await recordChange(this.deps.audit, this.deps.clock, caller, 'identity.delegation.revoke', `delegation:${d.id}`, 'revoked');
    return revoked;
  }
}
