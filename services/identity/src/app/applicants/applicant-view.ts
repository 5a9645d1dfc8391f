import { decide, type Principal } from '@onewindow/auth';
import { maskIdentifier } from '@onewindow/kernel';
import type { Applicant, ContactChannel } from '../../domain/index.js';

/** An applicant as a caller may see them: the number masked, in full only where the policy says so. */
export interface ApplicantView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly kind: Applicant['kind'];
  readonly identifierType: Applicant['identifier']['type'];
  readonly identifierMasked: string;
  /** Empty unless the caller may read the full number (the applicant themselves, platform administrators). */
  readonly identifier: string;
  readonly entityName: string;
  readonly contacts: readonly ContactChannel[];
  readonly createdAt: string;
}

export function viewOf(applicant: Applicant, caller: Principal | null): ApplicantView {
  const full = caller !== null && decide(caller, 'applicant.identifier.read', { applicantId: applicant.id }).allowed;
  return {
    id: applicant.id,
    username: applicant.username,
    displayName: applicant.displayName,
    kind: applicant.kind,
    identifierType: applicant.identifier.type,
    identifierMasked: maskIdentifier(applicant.identifier.value),
    identifier: full ? applicant.identifier.value : '',
    entityName: applicant.entityName ?? '',
    contacts: applicant.contacts,
    createdAt: applicant.createdAt,
  };
}
