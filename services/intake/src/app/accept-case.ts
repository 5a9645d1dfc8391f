import { authorize, type Principal } from '@onewindow/auth';
import { DomainError, invalid, type Clock } from '@onewindow/kernel';
import { acceptCase, type Case } from '../domain/case.js';
import type { CaseRepository, CatalogRepository } from './ports.js';
import { updateCase } from './update-case.js';

export interface AcceptCaseCommand {
  readonly caseId: string;
  readonly opinion: string;
}

const MAX_OPINION = 2000;

/** 受理: a clerk of the case's hall accepts a submitted case; intake announces case.accepted. */
export class AcceptCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly catalog: CatalogRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, command: AcceptCaseCommand): Promise<Case> {
    const caseId = command.caseId.trim();
    if (!caseId) throw invalid('CASE_ID_REQUIRED', 'a case id is required', [{ field: 'caseId', message: 'required' }]);
    if (command.opinion.length > MAX_OPINION) {
      throw invalid('OPINION_TOO_LONG', `the opinion is at most ${MAX_OPINION} characters`, [{ field: 'opinion', message: 'too long' }]);
    }
    return updateCase(this.cases, this.clock, caseId, async ({ case: c }) => {
      authorize(principal, 'case.accept', { hall: c.hall });
      const item = await this.catalog.version(c.itemCode, c.itemVersion);
      if (!item) throw new DomainError('internal', 'ITEM_VERSION_MISSING', `${c.itemCode} v${c.itemVersion} is not in the catalog`);
      return acceptCase(c, { item, by: principal.subject, opinion: command.opinion, now: this.clock.now() });
    });
  }
}
