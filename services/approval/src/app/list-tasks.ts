import { authorize, covers, decide, jurisdictionOf, type Principal } from '@onewindow/auth';
import { invalid, type Clock } from '@onewindow/kernel';
import { TASK_STATUSES, type TaskStatus } from '../domain/case.js';
import { STAFF_ROLES } from '../domain/definition.js';
import type { DelegationRepository, InboxTask, TaskInbox } from './ports.js';

export function parseTaskStatus(value: string): TaskStatus {
  if (value === '') return 'OPEN';
  const status = TASK_STATUSES.find((s) => s === value);
  if (!status) {
    throw invalid('TASK_STATUS_INVALID', `status must be one of ${TASK_STATUSES.join(', ')}`, [{ field: 'status', message: `unknown status "${value.slice(0, 32)}"` }]);
  }
  return status;
}

/**
 * A staff inbox: the tasks of every role the caller holds, in their org unit
 * and agency; the tasks held in their name; and, as a stand-in (AB角), the
 * tasks held by the people who named them substitute. Supervisors see their
 * jurisdiction, platform administrators everything. Green-channel cases
 * come first, then the oldest. A task under internal review is not shown to
 * the approver who made the decision under review. `caseId` narrows it to
 * one case's tasks (what a console opening a case, or a poller, wants).
 */
export class ListTasks {
  constructor(
    private readonly inbox: TaskInbox,
    private readonly delegations: DelegationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: { status: string; caseId?: string }): Promise<InboxTask[]> {
    const status = parseTaskStatus(request.status);
    const caseId = request.caseId?.trim() || undefined;
    const jurisdiction = jurisdictionOf(principal);
    if (decide(principal, 'task.list').allowed && jurisdiction.kind !== 'none') {
      const all = await this.inbox.list({ status, pools: [], assignees: [], everything: true, caseId });
      return order(all.filter((t) => covers(jurisdiction, { orgUnit: t.orgUnit })));
    }
    const pools = STAFF_ROLES.filter((role) => principal.roles.some((r) => r === role)).map((role) => ({
      orgUnit: principal.orgUnit ?? '',
      role,
      agency: principal.agency ?? '',
    }));
    const allowed = pools.filter((pool) => decide(principal, 'task.list', pool).allowed);
    if (allowed.length === 0) authorize(principal, 'task.list', pools[0] ?? { role: 'approver' });
    const standIns = await this.delegations.activeFor(principal.subject, this.clock.now());
    const found = await this.inbox.list({
      status,
      pools: allowed,
      assignees: [principal.subject, ...standIns.map((d) => d.principalId)],
      everything: false,
      caseId,
    });
    const visible = found.flatMap((t): InboxTask[] => {
      if (t.excludedSubjects.includes(principal.subject)) return [];
      // Held by someone the caller stands in for, within that delegation's scope: theirs to act on, for that person.
      const standIn = standIns.find((d) => d.principalId === t.assignee && d.orgUnit === t.orgUnit && d.agency === t.agency && d.role === t.role);
      if (standIn) return [{ ...t, actingFor: standIn.principalUsername }];
      const mine = t.assignee === principal.subject || allowed.some((p) => p.orgUnit === t.orgUnit && p.role === t.role && p.agency === t.agency);
      return mine ? [{ ...t, actingFor: null }] : [];
    });
    return order(visible);
  }
}

function order(tasks: InboxTask[]): InboxTask[] {
  const unique = [...new Map(tasks.map((t) => [t.id, t])).values()];
  return unique.sort((a, b) => Number(b.greenChannel) - Number(a.greenChannel) || (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}
