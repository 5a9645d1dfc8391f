import { currentTraceparent, notFound, type Logger } from '@onewindow/kernel';
import { retryOnVersionConflict } from '@onewindow/store/retry';
import type { ApprovalCase } from '../domain/case.js';
import type { Change } from '../domain/facts.js';
import { supervisionRowOf } from '../domain/supervision.js';
import { record } from '../domain/timeline.js';
import { eventsFor } from './events.js';
import type { CaseRepository, SupervisionRows, TaskInbox } from './ports.js';

/** The trace id of the request being served, for the audit trail. */
export function currentTraceId(): string | null {
  return currentTraceparent()?.split('-')[1] ?? null;
}

/**
 * Every command on a case goes through here: read, let the domain decide,
 * append the facts to the audit trail, and write the case with its events
 * in one write (the outbox). A concurrent writer makes it read and decide
 * again. The read models (the inbox copy of its tasks, its supervision row)
 * are refreshed after the write; if that fails, the inbox consumer catches
 * up from the events.
 */
export class CaseWriter {
  constructor(
    private readonly cases: CaseRepository,
    private readonly inbox: TaskInbox,
    private readonly rows: SupervisionRows,
    private readonly logger: Logger,
  ) {}

  update(caseId: string, decide: (c: ApprovalCase) => Change<ApprovalCase> | Promise<Change<ApprovalCase>>): Promise<ApprovalCase> {
    return retryOnVersionConflict(async () => {
      const stored = await this.cases.get(caseId);
      if (!stored) throw notFound('CASE_NOT_FOUND', `approval has no case ${caseId}`);
      const change = await decide(stored.case);
      if (change.facts.length === 0) return stored.case;
      const next = record(change.case, change.facts, currentTraceId());
      const version = await this.cases.save(next, stored.version, eventsFor(next, change.facts));
      await this.refreshReadModels(next, version);
      return next;
    });
  }

  /** Creates a case; false when it exists already (a redelivered event). */
  async create(change: Change<ApprovalCase>): Promise<boolean> {
    const next = record(change.case, change.facts, currentTraceId());
    const created = await this.cases.create(next, eventsFor(next, change.facts));
    if (created) await this.refreshReadModels(next, 1);
    return created;
  }

  async refreshReadModels(c: ApprovalCase, version: number): Promise<void> {
    try {
      await this.inbox.sync(c, version);
      await this.rows.put(supervisionRowOf(c), version);
    } catch (err) {
      this.logger.warn({ err, caseId: c.id }, 'read models not refreshed; the inbox consumer will catch up');
    }
  }
}
