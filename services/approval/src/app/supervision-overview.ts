import { authorize, covers, jurisdictionOf, type Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase } from '../domain/case.js';
import type { WorkingDays } from '../domain/deadline.js';
import { SupervisionTally, type Overview } from '../domain/supervision.js';
import type { CaseRepository } from './ports.js';

const PAGE = 500;

/** Every case, a page at a time: only a page is held. */
async function* allCases(cases: CaseRepository): AsyncGenerator<ApprovalCase> {
  for (let after: string | undefined; ; ) {
    const page = await cases.page({}, after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]?.id;
  }
}

/**
 * The overview of every case `keep` keeps, folded a page at a time, so that
 * what is held does not grow with the deployment's history (it used to
 * collect every case ever accepted into one array first).
 */
export async function overviewOfCases(cases: CaseRepository, now: Date, calendar: WorkingDays, keep: (c: ApprovalCase) => boolean = () => true): Promise<Overview> {
  const tally = new SupervisionTally(now, calendar);
  for await (const c of allCases(cases)) if (keep(c)) tally.add(c);
  return tally.overview();
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
    const overview = await overviewOfCases(this.cases, now, this.calendar, (c) => covers(jurisdiction, { orgUnit: c.orgUnit }));
    return { ...overview, asOf: now.toISOString() };
  }
}
