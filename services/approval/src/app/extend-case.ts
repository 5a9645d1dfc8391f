import type { Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase } from '../domain/case.js';
import { extendCase, markGreenChannel } from '../domain/clock.js';
import type { WorkingDays } from '../domain/deadline.js';
import { authorizeAny, handlingScopes, toActor } from './access.js';
import type { CaseWriter } from './case-writer.js';
import { caseIdOf } from './load.js';

/** An extension (延期) is the agency head's act: explicit, with a reason, within the statutory maximum, audited. */
export class ExtendCase {
  constructor(
    private readonly writer: CaseWriter,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: { caseId: string; days: number; reason: string }): Promise<ApprovalCase> {
    return this.writer.update(caseIdOf(request.caseId), (c) => {
      authorizeAny(principal, 'case.extend', handlingScopes(c));
      return extendCase(c, toActor(principal), request, this.clock.now(), this.calendar);
    });
  }
}

/** Green channel (绿色通道): an agency head or the hall's administrator marks a case for expedited handling. */
export class MarkGreenChannel {
  constructor(
    private readonly writer: CaseWriter,
    private readonly clock: Clock,
  ) {}

  execute(principal: Principal, request: { caseId: string; reason: string }): Promise<ApprovalCase> {
    return this.writer.update(caseIdOf(request.caseId), (c) => {
      authorizeAny(principal, 'case.green-channel', handlingScopes(c));
      return markGreenChannel(c, toActor(principal), request.reason, this.clock.now());
    });
  }
}
