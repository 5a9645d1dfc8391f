import { authorize, type Action, type Principal, type ResourceScope } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';

/**
 * What the policy needs to know about a case: whose it is (the applicant of
 * record, and the agent who filed it for them, 帮办代办), where it was filed
 * and where it is approved.
 */
export function caseScope(c: Pick<Case, 'applicantId' | 'hall' | 'orgUnit' | 'filedBy'>): ResourceScope {
  return {
    applicantId: c.applicantId,
    hall: c.hall,
    orgUnit: c.orgUnit,
    ...(c.filedBy.role === 'AGENT' ? { agents: [c.filedBy.subject] } : {}),
  };
}

export function authorizeCase(principal: Principal, action: Action, c: Case): void {
  authorize(principal, action, caseScope(c));
}

export function requireCaseId(caseId: string): string {
  const id = caseId.trim();
  if (!id) throw invalid('CASE_ID_REQUIRED', 'a case id is required', [{ field: 'caseId', message: 'required' }]);
  return id;
}
