import { authorize, type Principal } from '@onewindow/auth';
import { invalid, notFound } from '@onewindow/kernel';
import { canonicalIdentifier, isIdentifierType } from '../../domain/index.js';
import type { ApplicantRegistry } from '../ports.js';
import { viewOf, type ApplicantView } from './applicant-view.js';

/** One applicant by id: themselves, or staff who look applicants up. Authorized before the lookup, so a "no" reveals nothing. */
export class GetApplicant {
  constructor(private readonly applicants: ApplicantRegistry) {}

  async execute(principal: Principal, applicantId: string): Promise<ApplicantView> {
    if (!applicantId) throw invalid('APPLICANT_ID_REQUIRED', 'an applicant id is required', [{ field: 'applicantId', message: 'required' }]);
    authorize(principal, 'applicant.read', { applicantId });
    const applicant = await this.applicants.get(applicantId);
    if (!applicant) throw notFound('APPLICANT_NOT_FOUND', `no applicant ${applicantId}`);
    return viewOf(applicant, principal);
  }
}

/** Staff look an applicant up by the full identifier they were shown (an ID card, a licence). */
export class FindApplicant {
  constructor(private readonly applicants: ApplicantRegistry) {}

  async execute(principal: Principal, query: { type: string; value: string }): Promise<ApplicantView> {
    if (!isIdentifierType(query.type)) {
      throw invalid('IDENTIFIER_TYPE_UNKNOWN', 'type must be residentId or uscc', [{ field: 'type', message: 'residentId or uscc' }]);
    }
    const canonical = canonicalIdentifier(query.type, query.value);
    if (!canonical) throw invalid('IDENTIFIER_INVALID', `not a valid ${query.type}`, [{ field: 'value', message: 'not a valid identifier' }]);
    const applicant = await this.applicants.findByIdentifier(query.type, canonical);
    authorize(principal, 'applicant.read', { applicantId: applicant?.id ?? '' });
    if (!applicant) throw notFound('APPLICANT_NOT_FOUND', 'no applicant with this identifier');
    return viewOf(applicant, principal);
  }
}
