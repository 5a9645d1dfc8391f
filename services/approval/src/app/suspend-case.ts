import type { Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase } from '../domain/case.js';
import { resumeCase, suspendCase, type SuspensionRequest } from '../domain/clock.js';
import type { WorkingDays } from '../domain/deadline.js';
import { authorizeAny, handlingScopes, toActor } from './access.js';
import type { CaseWriter } from './case-writer.js';
import { caseIdOf } from './load.js';

/**
 * Stops the clock for a special procedure (听证, 现场勘查, 专家评审, 检验检测…)
 * or a supplement request (补正). Staff handling the case may do it; the
 * applicant is told in writing (case.suspended → notifications).
 */
export class SuspendCase {
  constructor(
    private readonly writer: CaseWriter,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: SuspensionRequest & { caseId: string }): Promise<ApprovalCase> {
    return this.writer.update(caseIdOf(request.caseId), (c) => {
      authorizeAny(principal, 'case.suspend', handlingScopes(c));
      return suspendCase(c, toActor(principal), request, this.clock.now(), this.calendar);
    });
  }
}

/** Starts the clock again with exactly the working days that remained; the applicant is told. */
export class ResumeCase {
  constructor(
    private readonly writer: CaseWriter,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: { caseId: string }): Promise<ApprovalCase> {
    return this.writer.update(caseIdOf(request.caseId), (c) => {
      authorizeAny(principal, 'case.suspend', handlingScopes(c));
      return resumeCase(c, toActor(principal), this.clock.now(), this.calendar);
    });
  }
}
