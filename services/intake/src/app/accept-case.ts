import type { Principal } from '@onewindow/auth';
import { invalid, newId, type Clock } from '@onewindow/kernel';
import { acceptCase, MAX_PENDING_WORKING_DAYS, type PendingInput, type WindowDecisionInput } from '../domain/acceptance.js';
import type { Case } from '../domain/case.js';
import { pendingDueDate } from '../domain/deadlines.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import { itemOfCase } from './case-item.js';
import { withRenderedDocument, type DocumentDeps } from './issue-document.js';
import type { CaseRepository, CatalogRepository, CreditRecords, FileRepository, WorkingDays } from './ports.js';
import { updateCase } from './update-case.js';

export interface AcceptCaseCommand {
  readonly caseId: string;
  readonly opinion: string;
  /** 容缺受理: the materials still to come, the applicant's signed commitment and the deadline. */
  readonly pending?: Omit<PendingInput, 'dueDate'> | null;
  /** 即办件: decide at the window in the same visit. */
  readonly decision?: WindowDecisionInput | null;
}

export interface WindowDeps extends DocumentDeps {
  readonly cases: CaseRepository;
  readonly catalog: CatalogRepository;
  readonly clock: Clock;
}

export interface AcceptCaseDeps extends WindowDeps {
  readonly calendar: WorkingDays;
  readonly credit: CreditRecords;
  readonly fileRegister: FileRepository;
}

/** 受理: a clerk of the case's hall accepts a submitted case and issues the acceptance receipt (受理回执). */
export class AcceptCase {
  constructor(private readonly deps: AcceptCaseDeps) {}

  async execute(principal: Principal, command: AcceptCaseCommand): Promise<Case> {
    const { cases, catalog, clock, calendar, credit } = this.deps;
    const documentId = newId(clock.now().getTime());
    await this.checkCommitmentScan(principal, command.pending);
    return updateCase(cases, clock, requireCaseId(command.caseId), async ({ case: c }) => {
      authorizeCase(principal, 'case.accept', c);
      const item = await itemOfCase(catalog, c);
      const now = clock.now();
      const pending = command.pending ? { ...command.pending, dueDate: dueDateOf(calendar, now, command.pending.deadlineWorkingDays) } : null;
      const creditFlagged = pending ? ((await credit.get(c.applicantId))?.record.flagged ?? false) : false;
      const transition = acceptCase(c, {
        item,
        by: principal.subject,
        opinion: command.opinion,
        now,
        documentId,
        pending,
        creditFlagged,
        windowDecision: command.decision ?? null,
      });
      return withRenderedDocument(this.deps, transition, item, documentId);
    });
  }

  /** The scanned commitment, when given, must be the clerk's own upload. */
  private async checkCommitmentScan(principal: Principal, pending: AcceptCaseCommand['pending']): Promise<void> {
    const fileId = pending?.commitment.fileId;
    if (!fileId) return;
    const file = await this.deps.fileRegister.get(fileId);
    if (!file || file.uploadedBy !== principal.subject) {
      throw invalid('MATERIAL_REF_INVALID', `no upload ${fileId} of yours`, [{ field: 'pending.commitment.fileId', message: 'not your upload' }]);
    }
  }
}

/** The due date for a valid number of working days; an invalid one is left for the domain to refuse. */
function dueDateOf(calendar: WorkingDays, now: Date, days: number): string {
  return Number.isInteger(days) && days >= 1 && days <= MAX_PENDING_WORKING_DAYS ? pendingDueDate(calendar, now.toISOString(), days) : '';
}
