import { authorize, type Principal } from '@onewindow/auth';
import { EVENT_TYPES, newEvent, toOutboxMessage } from '@onewindow/events/catalog';
import { newId, notFound, precondition, type Clock } from '@onewindow/kernel';
import { newDelegation, type Delegation } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import { EVENT_SOURCE } from '../event-source.js';
import type { AuditRecorder, DelegationRepository, StaffDirectory } from '../ports.js';

export interface DelegationDeps {
  readonly delegations: DelegationRepository;
  readonly staff: StaffDirectory;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
}

export interface CreateDelegationInput {
  /** Empty: the caller's own. */
  readonly principalId: string;
  readonly substituteId: string;
  readonly from: string;
  readonly until: string;
  readonly reason: string;
}

/**
 * AB角: an approver names a substitute (or their agency head, or a platform
 * administrator, does it for them). The delegation and its
 * `delegation.created` event are written together.
 */
export class CreateDelegation {
  constructor(private readonly deps: DelegationDeps) {}

  async execute(caller: Principal, input: CreateDelegationInput): Promise<Delegation> {
    const { delegations, staff, clock } = this.deps;
    const principalId = input.principalId || caller.subject;
    const principal = await staff.get(principalId);
    authorize(caller, 'delegation.manage', {
      principalId,
      substituteId: input.substituteId,
      orgUnit: principal?.orgUnit,
      agency: principal?.agency,
    });
    if (!principal) {
      if (principalId === caller.subject) throw precondition('NOT_IN_STAFF_DIRECTORY', 'the caller is not in the staff directory');
      throw notFound('STAFF_NOT_FOUND', `no staff member ${principalId}`);
    }
    const now = clock.now();
    const [substitute, givenByPrincipal, givenBySubstitute] = await Promise.all([
      input.substituteId ? staff.get(input.substituteId) : null,
      delegations.listByPrincipal(principal.id),
      input.substituteId ? delegations.listByPrincipal(input.substituteId) : [],
    ]);
    const delegation = newDelegation(
      { principal, substitute: substitute ?? undefined, substituteId: input.substituteId, from: input.from, until: input.until, reason: input.reason.trim() },
      { givenByPrincipal, givenBySubstitute, now },
      { id: newId(now.getTime()), createdBy: caller.subject },
    );
    const event = newEvent({
      type: EVENT_TYPES.DELEGATION_CREATED,
      source: EVENT_SOURCE,
      subject: delegation.id,
      time: now,
      data: {
        delegationId: delegation.id,
        principalId: delegation.principalId,
        principalUsername: delegation.principalUsername,
        substituteId: delegation.substituteId,
        substituteUsername: delegation.substituteUsername,
        orgUnit: delegation.orgUnit,
        agency: delegation.agency,
        role: delegation.role,
        from: delegation.from,
        until: delegation.until,
        createdAt: delegation.createdAt,
      },
    });
    await delegations.insert(delegation, [toOutboxMessage(event)]);
    await recordChange(this.deps.audit, clock, caller, 'identity.delegation.create', `delegation:${delegation.id}`,
      `${delegation.substituteUsername} stands in for ${delegation.principalUsername} ${delegation.from} – ${delegation.until}`,
      caller.subject === principal.id ? '' : principal.id);
    return delegation;
  }
}
