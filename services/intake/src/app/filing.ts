import { authorize, hasRole, type Principal } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import type { FiledBy } from '../domain/case.js';
import { chinaDate } from '../domain/deadlines.js';
import { parseParty, partyApplicantId, type PartyInput } from '../domain/party.js';
import type { ApplicantOfRecord } from '../domain/submission.js';
import type { IdentifierProtection } from './ports.js';

export interface Filing {
  readonly applicant: ApplicantOfRecord;
  readonly filedBy: FiledBy;
  readonly hall: string;
}

export interface FilingDeps {
  readonly protection: IdentifierProtection;
  readonly defaultHall: string;
}

/**
 * Who files for whom. An applicant files for themselves, or, naming another
 * applicant of record, as their agent (帮办代办); a window clerk files for a
 * named walk-in applicant at their own hall. Both the applicant of record
 * and the filer are recorded. A named applicant is identified by a keyed
 * pseudonym of their identifier; the number itself is kept only sealed.
 */
export function resolveFiling(deps: FilingDeps, principal: Principal, named: PartyInput | null, requestedHall: string, now: Date): Filing {
  const filer = { subject: principal.subject, username: principal.username };
  if (!named) {
    if (hasRole(principal, 'clerk') && !hasRole(principal, 'applicant')) {
      throw invalid('APPLICANT_REQUIRED', 'a clerk files for a named applicant', [{ field: 'applicant', message: 'required' }]);
    }
    authorize(principal, 'case.submit', { applicantId: principal.subject });
    const applicant = { id: principal.subject, name: principal.displayName ?? principal.username, kind: 'NATURAL_PERSON' as const, idNumberMasked: null, idNumberSealed: null };
    return { applicant, filedBy: { ...filer, role: 'APPLICANT' }, hall: requestedHall || deps.defaultHall };
  }
  const clerk = hasRole(principal, 'clerk');
  const hall = requestedHall || (clerk ? (principal.hall ?? '') : deps.defaultHall);
  authorize(principal, 'case.submit', clerk ? { hall } : { applicantId: principal.subject });
  const party = parseParty(named, chinaDate(now));
  const field = party.kind === 'NATURAL_PERSON' ? 'residentId' : 'uscc';
  const applicant = {
    id: partyApplicantId(deps.protection.pseudonym(field, party.idNumber)),
    name: party.name,
    kind: party.kind,
    idNumberMasked: party.idNumberMasked,
    idNumberSealed: deps.protection.seal(field, party.idNumber),
  };
  return { applicant, filedBy: { ...filer, role: clerk ? 'CLERK' : 'AGENT' }, hall };
}
