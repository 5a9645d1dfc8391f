import type { Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';
import { noticeDueDate } from '../domain/deadlines.js';
import { requestPreReview, submitDraft } from '../domain/submission.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import type { CaseRepository, WorkingDays } from './ports.js';
import { updateCase } from './update-case.js';

/** A draft is submitted by whoever may submit for its applicant: the application is received now. */
export class SubmitDraft {
  constructor(
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
    private readonly calendar: WorkingDays,
  ) {}

  async execute(principal: Principal, caseId: string): Promise<Case> {
    return updateCase(this.cases, this.clock, requireCaseId(caseId), ({ case: c }) => {
      authorizeCase(principal, 'case.submit', c);
      const now = this.clock.now();
      return submitDraft(c, { now, noticeDueDate: noticeDueDate(this.calendar, now.toISOString()) });
    });
  }
}

/** 预审 asked for: the draft waits for a clerk of its hall. */
export class RequestPreReview {
  constructor(
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, caseId: string): Promise<Case> {
    return updateCase(this.cases, this.clock, requireCaseId(caseId), ({ case: c }) => {
      authorizeCase(principal, 'case.submit', c);
      return requestPreReview(c, this.clock.now());
    });
  }
}
