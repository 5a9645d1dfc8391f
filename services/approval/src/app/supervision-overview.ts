import { authorize, covers, jurisdictionOf, type Principal } from '@onewindow/auth';
import type { Clock, Logger } from '@onewindow/kernel';
import type { WorkingDays } from '../domain/deadline.js';
import { SupervisionTally, supervisionRowOf, type Overview, type SupervisionRow } from '../domain/supervision.js';
import { pagesOf } from './paging.js';
import type { CaseRepository, SupervisionRows } from './ports.js';

const PAGE = 1000;

/**
 * The overview of every row `keep` keeps, folded a page at a time: only a
 * page of rows (a few hundred bytes each) is held, and no case is read.
 */
export async function overviewOfRows(rows: SupervisionRows, now: Date, calendar: WorkingDays, keep: (row: SupervisionRow) => boolean = () => true): Promise<Overview> {
  const tally = new SupervisionTally(now, calendar);
  for await (const page of pagesOf((after, size) => rows.page(after, size), PAGE)) for (const row of page) if (keep(row)) tally.add(row);
  return tally.overview();
}

/** Supervision metrics per agency, hall and item, over the caller's jurisdiction (a supervisor's org-unit subtree). */
export class SupervisionOverview {
  constructor(
    private readonly rows: SupervisionRows,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal): Promise<Overview & { asOf: string }> {
    authorize(principal, 'supervision.read', principal.orgUnit ? { orgUnit: principal.orgUnit } : {});
    const jurisdiction = jurisdictionOf(principal);
    const now = this.clock.now();
    const overview = await overviewOfRows(this.rows, now, this.calendar, (row) => covers(jurisdiction, { orgUnit: row.orgUnit }));
    return { ...overview, asOf: now.toISOString() };
  }
}

/**
 * Makes the supervision rows of the cases written before rows were kept:
 * once per deployment, at start. A row made here names case version 0, so
 * it never replaces one a write made meanwhile.
 */
export class BackfillSupervisionRows {
  constructor(
    private readonly cases: CaseRepository,
    private readonly rows: SupervisionRows,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async execute(): Promise<{ rows: number } | null> {
    if (await this.rows.backfilled()) return null;
    let made = 0;
    for await (const page of pagesOf((after, size) => this.cases.page({}, after, size), PAGE)) {
      for (const c of page) await this.rows.put(supervisionRowOf(c), 0);
      made += page.length;
      this.logger.info({ rows: made }, 'supervision rows backfilled so far');
    }
    await this.rows.markBackfilled(this.clock.now().toISOString());
    return { rows: made };
  }
}
