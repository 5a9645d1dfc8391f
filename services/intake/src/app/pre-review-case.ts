import type { Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { Case, Deficiency } from '../domain/case.js';
import { preReviewCase } from '../domain/submission.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import { itemOfCase } from './case-item.js';
import type { CaseRepository, CatalogRepository } from './ports.js';
import { updateCase } from './update-case.js';

export interface PreReviewCommand {
  readonly caseId: string;
  readonly result: 'PASSED' | 'RETURNED';
  readonly opinion: string;
  readonly deficiencies: readonly Deficiency[];
}

/** 预审: a clerk of the case's hall answers a draft online; case.pre-reviewed tells the applicant. */
export class PreReviewCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly catalog: CatalogRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, command: PreReviewCommand): Promise<Case> {
    return updateCase(this.cases, this.clock, requireCaseId(command.caseId), async ({ case: c }) => {
      authorizeCase(principal, 'case.pre-review', c);
      const item = await itemOfCase(this.catalog, c);
      return preReviewCase(c, { ...command, item, by: principal.subject, now: this.clock.now() });
    });
  }
}
