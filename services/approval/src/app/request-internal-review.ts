import { authorize, type Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase } from '../domain/case.js';
import type { WorkingDays } from '../domain/deadline.js';
import { requestInternalReview } from '../domain/internal-review.js';
import { toActor } from './access.js';
import type { CaseWriter } from './case-writer.js';
import { caseIdOf } from './load.js';

/** The applicant asks for internal review (复核) of a refusal; another approver handles it. */
export class RequestInternalReview {
  constructor(
    private readonly writer: CaseWriter,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: { caseId: string; reason: string }): Promise<ApprovalCase> {
    return this.writer.update(caseIdOf(request.caseId), (c) => {
      authorize(principal, 'case.internal-review', { applicantId: c.applicantId });
      return requestInternalReview(c, toActor(principal), request.reason, this.clock.now(), this.calendar);
    });
  }
}
