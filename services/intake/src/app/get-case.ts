import { authorize, type Principal } from '@onewindow/auth';
import { invalid, notFound } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';
import type { CaseRepository } from './ports.js';

/** One case, for its applicant, a clerk of its hall, or a supervisor. */
export class GetCase {
  constructor(private readonly cases: CaseRepository) {}

  async execute(principal: Principal, caseId: string): Promise<Case> {
    if (!caseId.trim()) throw invalid('CASE_ID_REQUIRED', 'a case id is required', [{ field: 'caseId', message: 'required' }]);
    const stored = await this.cases.get(caseId.trim());
    if (!stored) throw notFound('CASE_NOT_FOUND', `no case ${caseId}`);
    authorize(principal, 'case.read', { applicantId: stored.case.applicantId, hall: stored.case.hall });
    return stored.case;
  }
}
