import { invalid } from '@onewindow/kernel/errors';
import { maskIdentifier } from '@onewindow/kernel/mask';
import { validateResidentId, validateUscc } from '@onewindow/identifiers';

/**
 * The applicant of record when it is not the caller: a walk-in at the
 * window, or the company an agent files for (帮办代办). Named by its
 * identifier, checked against its check digit (GB 11643 / GB 32100).
 */
export const APPLICANT_KINDS = ['NATURAL_PERSON', 'LEGAL_ENTITY'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export interface PartyInput {
  readonly kind: ApplicantKind;
  readonly name: string;
  /** Resident ID for a natural person, unified social credit code for a legal entity. */
  readonly idNumber: string;
}

export interface Party {
  readonly kind: ApplicantKind;
  readonly name: string;
  /** Canonical (upper-case) identifier: stored only sealed, shown only masked. */
  readonly idNumber: string;
  readonly idNumberMasked: string;
}

const MAX_NAME = 100;

/** Validates a named party; `today` (YYYY-MM-DD) rejects birth dates in the future. */
export function parseParty(input: PartyInput, today: string): Party {
  const name = input.name.trim();
  const problems = [];
  if (!name || name.length > MAX_NAME) problems.push({ field: 'applicant.name', message: `1 to ${MAX_NAME} characters` });
  const check = input.kind === 'NATURAL_PERSON' ? validateResidentId(input.idNumber, today) : validateUscc(input.idNumber);
  if (!check.valid) {
    const what = input.kind === 'NATURAL_PERSON' ? 'resident ID' : 'unified social credit code';
    problems.push({ field: 'applicant.idNumber', message: `not a valid ${what}: ${check.reason}` });
  }
  if (problems.length || !check.valid) throw invalid('APPLICANT_INVALID', 'the applicant of record is not valid', problems);
  return { kind: input.kind, name, idNumber: check.value, idNumberMasked: maskIdentifier(check.value) };
}

/** The applicant id of a named party: a keyed pseudonym of its identifier, so the number never appears in ids. */
export const partyApplicantId = (pseudonym: string) => `party:${pseudonym}`;
