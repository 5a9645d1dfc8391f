import { authorize, covers, jurisdictionOf, type Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase } from '../domain/case.js';
import type { WorkingDays } from '../domain/deadline.js';
import { supervisionOverview, type Overview } from '../domain/supervision.js';
import type { CaseRepository } from './ports.js';

const PAGE = 500;

/** Every case, a page at a time. */
export async function* allCases(cases: CaseRepository): AsyncGenerator<ApprovalCase> {
  for (let after: string | undefined; ; ) {
    const page = await cases.page({}, after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]?.id;
  }
}

/** Supervision metrics per agency, hall and item, over the caller's jurisdiction (a supervisor's org-unit subtree). */
export class SupervisionOverview {
  constructor(
    private readonly cases: CaseRepository,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal): Promise<Overview & { asOf: string }> {
    authorize(principal, 'supervision.read', principal.orgUnit ? { orgUnit: principal.orgUnit } : {});
    const jurisdiction = jurisdictionOf(principal);
    const now = this.clock.now();
    const within: ApprovalCase[] = [];
    for await (const c of allCases(this.cases)) if (covers(jurisdiction, { orgUnit: c.orgUnit })) within.push(c);
    return { ...supervisionOverview(within, now, this.calendar), asOf: now.toISOString() };
  }
}
