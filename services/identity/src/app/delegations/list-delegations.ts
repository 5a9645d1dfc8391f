import { authorize, type Principal } from '@onewindow/auth';
import { invalid, type Clock } from '@onewindow/kernel';
import { isInForce, type Delegation } from '../../domain/index.js';
import type { DelegationRepository, StaffDirectory } from '../ports.js';

export interface DelegationQuery {
  readonly principalId: string;
  readonly substituteId: string;
}

/**
 * The delegations a staff member gives or receives. The policy is asked
 * about that member (where they sit), so an approver sees their own, an
 * agency head those of their agency, a supervisor those in their
 * jurisdiction.
 */
export class ListDelegations {
  constructor(private readonly deps: { delegations: DelegationRepository; staff: StaffDirectory }) {}

  async execute(caller: Principal, query: DelegationQuery): Promise<Delegation[]> {
    if (!query.principalId === !query.substituteId) {
      throw invalid('DELEGATION_QUERY_INVALID', 'name either a principal or a substitute', [{ field: 'principalId', message: 'one of principalId, substituteId' }]);
    }
    const who = await this.deps.staff.get(query.principalId || query.substituteId);
    authorize(caller, 'delegation.read', {
      ...(query.principalId ? { principalId: query.principalId } : { substituteId: query.substituteId }),
      orgUnit: who?.orgUnit,
      agency: who?.agency,
    });
    return query.principalId
      ? this.deps.delegations.listByPrincipal(query.principalId)
      : this.deps.delegations.listBySubstitute(query.substituteId);
  }
}

/** The delegations in force at an instant: what approval routes tasks by. */
export class ListActiveDelegations {
  constructor(private readonly deps: { list: ListDelegations; clock: Clock }) {}

  async execute(caller: Principal, query: DelegationQuery & { at: string }): Promise<Delegation[]> {
    const at = query.at ? new Date(query.at) : this.deps.clock.now();
    if (Number.isNaN(at.getTime()) || (query.at && !/^\d{4}-\d{2}-\d{2}T/.test(query.at))) {
      throw invalid('INSTANT_INVALID', 'at must be an ISO 8601 instant', [{ field: 'at', message: 'an ISO 8601 instant' }]);
    }
    return (await this.deps.list.execute(caller, query)).filter((d) => isInForce(d, at));
  }
}
