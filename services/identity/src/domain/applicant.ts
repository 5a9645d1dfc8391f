import { IDENTIFIER_MESSAGES, validateResidentId, validateUscc } from '@onewindow/identifiers';
import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import { USERNAME } from './user.js';

export const IDENTIFIER_TYPES = ['residentId', 'uscc'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

export const CONTACT_KINDS = ['mobile', 'email'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ContactChannel {
  readonly kind: ContactKind;
  readonly value: string;
  /** ISO instant; absent until verified. */
  readonly verifiedAt?: string;
}

/**
 * 自然人 / 法人. In memory the identifier is the canonical number; the store
 * keeps it sealed (AES-256-GCM) with a blind index, never in clear.
 */
export interface Applicant {
  /** The subject at the identity provider (the token's `sub`). */
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly kind: 'NaturalPerson' | 'LegalEntity';
  readonly identifier: { readonly type: IdentifierType; readonly value: string };
  /** A legal entity's registered name. */
  readonly entityName?: string;
  readonly contacts: readonly ContactChannel[];
  readonly createdAt: string;
}

export interface ApplicantRegistration {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly kind: string;
  readonly residentId: string;
  readonly uscc: string;
  readonly entityName: string;
  readonly mobile: string;
  readonly email: string;
}

const MOBILE = /^1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
const MIN_PASSWORD = 10;

export const IDENTIFIER_INVALID = 'IDENTIFIER_INVALID';
export const APPLICANT_INVALID = 'APPLICANT_INVALID';

/**
 * Checks a registration and builds the applicant. `today` (YYYY-MM-DD, from
 * the clock) refuses birth dates in the future. Every problem is reported
 * at once; a bad identifier makes the code IDENTIFIER_INVALID so clients can
 * point at the field.
 */
export function newApplicant(input: ApplicantRegistration, ids: { id: string; now: Date }): Applicant {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  let identifierBad = false;
  const badIdentifier = (field: IdentifierType, reason: keyof typeof IDENTIFIER_MESSAGES) => {
    identifierBad = true;
    problem(field, `${reason}: ${IDENTIFIER_MESSAGES[reason].zh} (${IDENTIFIER_MESSAGES[reason].en})`);
  };

  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) problem('username', 'lower-case letters, digits and . _ @ -, 2 to 64 characters');
  if (input.password.length < MIN_PASSWORD || input.password.length > 128) problem('password', `${MIN_PASSWORD} to 128 characters`);
  else if (input.password.toLowerCase().includes(username)) problem('password', 'must not contain the username');
  const displayName = input.displayName.trim();
  if (displayName === '' || displayName.length > 64) problem('displayName', 'required, at most 64 characters');

  let identifier: Applicant['identifier'] | undefined;
  if (input.kind === 'NaturalPerson') {
    if (input.uscc) problem('uscc', 'a natural person registers with a resident ID');
    const check = validateResidentId(input.residentId, ids.now.toISOString().slice(0, 10));
    if (check.valid) identifier = { type: 'residentId', value: check.value };
    else badIdentifier('residentId', check.reason);
  } else if (input.kind === 'LegalEntity') {
    if (input.residentId) problem('residentId', 'a legal entity registers with its unified social credit code');
    const check = validateUscc(input.uscc);
    if (check.valid) identifier = { type: 'uscc', value: check.value };
    else badIdentifier('uscc', check.reason);
    if (input.entityName.trim() === '' || input.entityName.length > 128) problem('entityName', 'required, at most 128 characters');
  } else {
    problem('kind', 'NaturalPerson or LegalEntity');
  }

  const contacts: ContactChannel[] = [];
  if (input.mobile) {
    if (MOBILE.test(input.mobile)) contacts.push({ kind: 'mobile', value: input.mobile });
    else problem('mobile', 'an 11-digit mainland mobile number');
  }
  if (input.email) {
    if (EMAIL.test(input.email) && input.email.length <= 254) contacts.push({ kind: 'email', value: input.email.toLowerCase() });
    else problem('email', 'an email address');
  }

  if (problems.length > 0 || !identifier) {
    throw invalid(identifierBad ? IDENTIFIER_INVALID : APPLICANT_INVALID, identifierBad ? 'the identifier is not valid' : 'the registration is not valid', problems);
  }
  return {
    id: ids.id,
    username,
    displayName,
    kind: input.kind === 'NaturalPerson' ? 'NaturalPerson' : 'LegalEntity',
    identifier,
    ...(input.kind === 'LegalEntity' ? { entityName: input.entityName.trim() } : {}),
    contacts,
    createdAt: ids.now.toISOString(),
  };
}

export function isIdentifierType(value: string): value is IdentifierType {
  return (IDENTIFIER_TYPES as readonly string[]).includes(value);
}

/** The canonical number for a lookup, or undefined when the input is not a valid identifier of that type. */
export function canonicalIdentifier(type: IdentifierType, value: string): string | undefined {
  const check = type === 'residentId' ? validateResidentId(value) : validateUscc(value);
  return check.valid ? check.value : undefined;
}
