import { isDomainError, newId } from '@onewindow/kernel';
import { deemAccepted, terminateOverdue } from '../domain/acceptance.js';
import type { Case } from '../domain/case.js';
import { hasRunOut } from '../domain/deadlines.js';
import type { WindowDeps } from './accept-case.js';
import { itemOfCase } from './case-item.js';
import { withRenderedDocument } from './issue-document.js';
import type { CaseTimer } from './ports.js';
import { updateCase } from './update-case.js';

export interface SweepResult {
  readonly deemedAccepted: readonly string[];
  readonly terminated: readonly string[];
  readonly failed: readonly { readonly caseId: string; readonly error: unknown }[];
}

const PAGE = 200;

/**
 * The law acting by itself, at the injected clock's time: a submitted case
 * not answered within 5 working days of receipt counts as accepted (Art. 32);
 * an acceptance with pending materials not supplied by their due date
 * terminates the case. Safe to run anywhere at once: a case someone else
 * moved meanwhile is skipped.
 */
export class SweepDeadlines {
  constructor(private readonly deps: WindowDeps) {}

  async execute(): Promise<SweepResult> {
    const deemedAccepted: string[] = [];
    const terminated: string[] = [];
    const failed: { caseId: string; error: unknown }[] = [];
    const now = this.deps.clock.now();
    for await (const c of this.due('NOTICE', now)) {
      await this.attempt(c.id, failed, async () => {
        if (await this.deem(c.id)) deemedAccepted.push(c.id);
      });
    }
    for await (const c of this.due('PENDING', now)) {
      await this.attempt(c.id, failed, async () => {
        if (await this.terminate(c.id)) terminated.push(c.id);
      });
    }
    return { deemedAccepted, terminated, failed };
  }

  private async *due(timer: CaseTimer, now: Date): AsyncGenerator<Case> {
    let afterId: string | undefined;
    for (;;) {
      const page = await this.deps.cases.withTimer(timer, { limit: PAGE, ...(afterId ? { afterId } : {}) });
      for (const c of page) {
        const dueDate = timer === 'NOTICE' ? c.noticeDueDate : c.pending?.dueDate;
        if (dueDate && hasRunOut(dueDate, now)) yield c;
      }
      if (page.length < PAGE) return;
      afterId = page.at(-1)?.id;
    }
  }

  private async attempt(caseId: string, failed: { caseId: string; error: unknown }[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      // Answered or moved by someone else since it was listed: nothing left to do.
      if (isDomainError(err) && err.kind === 'precondition') return;
      failed.push({ caseId, error: err });
    }
  }

  private async deem(caseId: string): Promise<boolean> {
    const { cases, catalog, clock } = this.deps;
    const documentId = newId(clock.now().getTime());
    const after = await updateCase(cases, clock, caseId, async ({ case: c }) => {
      const item = await itemOfCase(catalog, c);
      return withRenderedDocument(this.deps, deemAccepted(c, { item, now: clock.now(), documentId }), item, documentId);
    });
    return after.acceptanceKind === 'DEEMED';
  }

  private async terminate(caseId: string): Promise<boolean> {
    const { cases, clock } = this.deps;
    const after = await updateCase(cases, clock, caseId, ({ case: c }) => terminateOverdue(c, clock.now()));
    return after.status === 'TERMINATED';
  }
}
