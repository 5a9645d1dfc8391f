import type { Principal } from '@onewindow/auth';
import { notFound } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import type { CaseRepository } from './ports.js';

/** One case, for its applicant (or the agent who filed it), a clerk of its hall, or a supervisor over it. */
export class GetCase {
  constructor(private readonly cases: CaseRepository) {}

  async execute(principal: Principal, caseId: string): Promise<Case> {
    const id = requireCaseId(caseId);
    const stored = await this.cases.get(id);
    if (!stored) throw notFound('CASE_NOT_FOUND', `no case ${id}`);
    authorizeCase(principal, 'case.read', stored.case);
    return stored.case;
  }
}
