import { decide, type Action, type Principal, type ResourceScope } from '@onewindow/auth';
import { forbidden } from '@onewindow/kernel';
import { actor, type ActorRef } from '../domain/actor.js';
import { openTasks, type ApprovalCase, type Task } from '../domain/case.js';
import type { DelegationRepository } from './ports.js';

/** The policy's scope for a task: its org unit, role and agency. */
export const taskScope = (t: Task): ResourceScope => ({ orgUnit: t.orgUnit, role: t.role, agency: t.agency });

/**
 * Allowed when the policy allows the action on any of the scopes (a case is
 * handled by several agencies and levels); otherwise refused with the
 * first scope's reason.
 */
export function authorizeAny(principal: Principal, action: Action, scopes: readonly ResourceScope[]): void {
  let first: string | undefined;
  for (const scope of scopes) {
    const decision = decide(principal, action, scope);
    if (decision.allowed) return;
    first ??= decision.reason;
  }
  throw forbidden('FORBIDDEN', first ?? `no role of the caller grants ${action}`);
}

/** Where a case is handled now: its open tasks, and the case's own org unit, agency and hall. */
export function handlingScopes(c: ApprovalCase): ResourceScope[] {
  return [...openTasks(c).map((t) => ({ orgUnit: t.orgUnit, agency: t.agency })), { orgUnit: c.orgUnit, agency: c.agency, hall: c.hall }];
}

/** Everyone who may see a case's timeline: its applicant and hall, and every org unit and agency it went through. */
export function timelineScopes(c: ApprovalCase): ResourceScope[] {
  const seen = new Map<string, ResourceScope>();
  for (const t of c.tasks) seen.set(`${t.orgUnit}/${t.agency}`, { orgUnit: t.orgUnit, agency: t.agency });
  return [{ applicantId: c.applicantId, hall: c.hall, orgUnit: c.orgUnit, agency: c.agency }, ...seen.values()];
}

export const toActor = (principal: Principal): ActorRef => actor({ subject: principal.subject, username: principal.username });

/**
 * Stand-ins (AB角): the people whose task `principal` may act on today
 * because they named `principal` their substitute for the task's org unit,
 * agency and role; and the actor the record shows ("X for Y") when the
 * task is held by one of them.
 */
export async function standInFor(
  delegations: DelegationRepository,
  principal: Principal,
  task: Task,
  now: Date,
): Promise<{ principals: string[]; actor: ActorRef }> {
  const active = (await delegations.activeFor(principal.subject, now)).filter(
    (d) => d.orgUnit === task.orgUnit && d.agency === task.agency && d.role === task.role,
  );
  const holder = task.assignee ? active.find((d) => d.principalId === task.assignee && task.assignee !== principal.subject) : undefined;
  return {
    principals: active.map((d) => d.principalId),
    actor: holder
      ? actor({ subject: principal.subject, username: principal.username }, { subject: holder.principalId, username: holder.principalUsername })
      : toActor(principal),
  };
}
