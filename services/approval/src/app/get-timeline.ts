import type { Principal } from '@onewindow/auth';
import { notFound, type Clock } from '@onewindow/kernel';
import type { ApprovalCase, Task } from '../domain/case.js';
import { remainingToday } from '../domain/clock.js';
import { remainingOn } from '../domain/countdown.js';
import { chinaDate, type WorkingDays } from '../domain/deadline.js';
import { firstBrokenEntry } from '../domain/timeline.js';
import { authorizeAny, timelineScopes } from './access.js';
import { caseIdOf } from './load.js';
import type { CaseRepository } from './ports.js';

export interface Timeline {
  readonly case: ApprovalCase;
  /** Working days left today of each limit (negative: overdue); frozen while suspended, as at the decision once decided. */
  readonly remaining: { readonly promised: number; readonly statutory: number };
  /** Working days left of each open task's own limit. */
  readonly stepRemaining: ReadonlyMap<string, number>;
  /** The audit trail's hash chain is intact. */
  readonly chainIntact: boolean;
  readonly asOf: string;
}

/** Every step, actor, time, remaining working days and warning of a case, for whoever may see it. */
export class GetTimeline {
  constructor(
    private readonly cases: CaseRepository,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: { caseId: string }): Promise<Timeline> {
    const stored = await this.cases.get(caseIdOf(request.caseId));
    if (!stored) throw notFound('CASE_NOT_FOUND', 'approval has no such case');
    authorizeAny(principal, 'case.timeline', timelineScopes(stored.case));
    return this.view(stored.case);
  }

  /** The case as it stands now: remaining working days counted with the injected clock. */
  view(c: ApprovalCase): Timeline {
    const now = this.clock.now();
    const today = chinaDate(now);
    const stepRemaining = new Map<string, number>();
    for (const t of c.tasks as Task[]) {
      if (t.stepClock && (t.status === 'OPEN' || t.status === 'CLAIMED')) stepRemaining.set(t.id, remainingOn(this.calendar, t.stepClock, today));
    }
    return { case: c, remaining: remainingToday(c, now, this.calendar), stepRemaining, chainIntact: firstBrokenEntry(c.timeline) === null, asOf: now.toISOString() };
  }
}
