import type { Principal } from '@onewindow/auth';
import { newId } from '@onewindow/kernel';
import { requestSupplement } from '../domain/acceptance.js';
import type { Case, Deficiency } from '../domain/case.js';
import type { WindowDeps } from './accept-case.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import { itemOfCase } from './case-item.js';
import { withRenderedDocument } from './issue-document.js';
import { updateCase } from './update-case.js';

export interface RequestSupplementCommand {
  readonly caseId: string;
  readonly deficiencies: readonly Deficiency[];
  readonly opinion: string;
}

/** 一次性告知: a clerk lists every missing or deficient material at once, in the one-time notice. */
export class RequestSupplement {
  constructor(private readonly deps: WindowDeps) {}

  async execute(principal: Principal, command: RequestSupplementCommand): Promise<Case> {
    const { cases, catalog, clock } = this.deps;
    const documentId = newId(clock.now().getTime());
    return updateCase(cases, clock, requireCaseId(command.caseId), async ({ case: c }) => {
      authorizeCase(principal, 'case.request-supplement', c);
      const item = await itemOfCase(catalog, c);
      const transition = requestSupplement(c, { item, deficiencies: command.deficiencies, opinion: command.opinion, by: principal.subject, now: clock.now(), documentId });
      return withRenderedDocument(this.deps, transition, item, documentId);
    });
  }
}
