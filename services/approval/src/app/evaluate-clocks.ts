import { isDomainError, type Clock, type Logger } from '@onewindow/kernel';
import type { WorkingDays } from '../domain/deadline.js';
import { evaluateClock, type SupervisionDefaults } from '../domain/supervision.js';
import type { CaseWriter } from './case-writer.js';
import { pagesOf } from './paging.js';
import type { CaseRepository } from './ports.js';

const PAGE = 200;

/**
 * Electronic supervision's round: every case in progress is looked at with
 * the injected clock; warnings due are raised (once each) and configured
 * escalations act. Provisional deadlines are counted again if their year's
 * schedule has since been loaded. Several replicas may run it at once:
 * optimistic concurrency makes each warning land once.
 */
export class EvaluateClocks {
  constructor(
    private readonly cases: CaseRepository,
    private readonly writer: CaseWriter,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
    private readonly defaults: SupervisionDefaults,
    private readonly logger: Logger,
  ) {}

  async execute(): Promise<{ evaluated: number; changed: number }> {
    let evaluated = 0;
    let changed = 0;
    for await (const page of pagesOf((after, size) => this.cases.page({ status: 'IN_PROGRESS' }, after, size), PAGE)) {
      for (const c of page) {
        evaluated += 1;
        try {
          const before = c.timeline.length;
          const next = await this.writer.update(c.id, (current) => evaluateClock(current, this.clock.now(), this.calendar, this.defaults));
          if (next.timeline.length !== before) changed += 1;
        } catch (err) {
          // One bad case must not stop supervision of the others; it is retried next round.
          this.logger.error({ err, caseId: c.id, code: isDomainError(err) ? err.code : undefined }, 'clock evaluation failed');
        }
      }
    }
    return { evaluated, changed };
  }
}
