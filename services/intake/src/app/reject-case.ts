import type { Principal } from '@onewindow/auth';
import { newId } from '@onewindow/kernel';
import { rejectCase } from '../domain/acceptance.js';
import type { Case } from '../domain/case.js';
import type { WindowDeps } from './accept-case.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import { itemOfCase } from './case-item.js';
import { withRenderedDocument } from './issue-document.js';
import { updateCase } from './update-case.js';

export interface RejectCaseCommand {
  readonly caseId: string;
  readonly reason: string;
  readonly legalBasis: readonly string[];
}

/** 不予受理: a clerk refuses to accept, with the reason and legal basis, in a dated notice. */
export class RejectCase {
  constructor(private readonly deps: WindowDeps) {}

  async execute(principal: Principal, command: RejectCaseCommand): Promise<Case> {
    const { cases, catalog, clock } = this.deps;
    const documentId = newId(clock.now().getTime());
    return updateCase(cases, clock, requireCaseId(command.caseId), async ({ case: c }) => {
      authorizeCase(principal, 'case.reject', c);
      const item = await itemOfCase(catalog, c);
      const transition = rejectCase(c, { reason: command.reason, legalBasis: command.legalBasis, by: principal.subject, now: clock.now(), documentId });
      return withRenderedDocument(this.deps, transition, item, documentId);
    });
  }
}
