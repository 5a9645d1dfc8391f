import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, invalid, notFound, precondition } from '@onewindow/kernel/errors';
import { CONTACT_KINDS, type Applicant, type ContactChannel, type ContactKind } from './applicant.js';

/** Cryptographically random bytes: the platform's CSPRNG in production, fixed bytes in tests. */
export interface RandomSource {
  bytes(length: number): Uint8Array;
}

export const CODE_DIGITS = 6;
/** How long a code may be used. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes that lock a challenge: with the daily cap, at most 50 guesses a day at 10^6 codes. */
export const MAX_WRONG_CODES = 5;
/** Between two codes to the same contact: no SMS or mail bombing through the platform. */
export const RESEND_COOLDOWN_MS = 60_000;
/** Codes to one contact in a rolling day. */
export const MAX_CODES_PER_DAY = 10;
const DAY_MS = 86_400_000;
const SALT_BYTES = 16;
const CODE_SPACE = 10 ** CODE_DIGITS;
const CODE = /^\d{6}$/;

export type ContactVerificationStatus = 'PENDING' | 'VERIFIED' | 'LOCKED';

/**
 * A one-time code sent to one contact of one applicant; a new request
 * replaces the previous one. The code is never kept: only HMAC-SHA256 under
 * the service's key over a per-challenge salt and the code, so a copy of the
 * store does not give the code, nor a way to try the 10^6 codes offline.
 */
export interface ContactVerification {
  /** One per contact: `<applicantId>:<kind>`. */
  readonly id: string;
  /** This code's own id (the event's). */
  readonly challengeId: string;
  readonly applicantId: string;
  readonly kind: ContactKind;
  /** The value the code went to: a code proves that value, not whatever the contact holds later. */
  readonly destination: string;
  /** base64url, fresh per challenge. */
  readonly salt: string;
  /** hex HMAC-SHA256(key, salt ‖ ':' ‖ code). */
  readonly codeHash: string;
  readonly status: ContactVerificationStatus;
  readonly wrongAttempts: number;
  readonly sentAt: string;
  readonly expiresAt: string;
  /** The rolling day this code counts in, and the codes sent to the contact in it. */
  readonly windowStartedAt: string;
  readonly sentInWindow: number;
  /** When it was used or locked. */
  readonly closedAt?: string;
}

export const contactVerificationId = (applicantId: string, kind: ContactKind) => `${applicantId}:${kind}`;

export function isContactKind(value: string): value is ContactKind {
  return (CONTACT_KINDS as readonly string[]).includes(value);
}

export function assertContactKind(value: string): ContactKind {
  if (!isContactKind(value)) throw invalid('CONTACT_KIND_INVALID', 'kind must be mobile or email', [{ field: 'kind', message: 'mobile or email' }]);
  return value;
}

/** Six uniformly drawn digits: 32-bit draws above the last multiple of 10^6 are discarded, so no code is likelier. */
export function generateCode(random: RandomSource): string {
  const limit = Math.floor(2 ** 32 / CODE_SPACE) * CODE_SPACE;
  for (;;) {
    const bytes = random.bytes(4);
    if (bytes.length !== 4) throw new RangeError('the random source gave fewer bytes than asked');
    const draw = Buffer.from(bytes).readUInt32BE(0);
    if (draw < limit) return String(draw % CODE_SPACE).padStart(CODE_DIGITS, '0');
  }
}

export function codeDigest(key: Uint8Array, salt: string, code: string): string {
  return createHmac('sha256', key).update(`${salt}:${code}`).digest('hex');
}

/** Constant time: how much of a guess matched must not show in how long the answer took. */
function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const rateLimited = (code: string, message: string, retryAfterMs: number) =>
  new DomainError('rate_limited', code, message, [{ field: 'retryAfterSeconds', message: String(Math.max(1, Math.ceil(retryAfterMs / 1000))) }]);

/** 138****0000, z***@example.com: for audit reasons and logs, which need to say which contact, not to hold it. */
export function maskContact(kind: ContactKind, value: string): string {
  if (kind === 'mobile') return value.length > 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
  const at = value.indexOf('@');
  return at > 0 ? `${value.slice(0, 1)}***${value.slice(at)}` : '***';
}

function contactOf(applicant: Applicant, kind: ContactKind): ContactChannel {
  const contact = applicant.contacts.find((c) => c.kind === kind);
  if (!contact) throw notFound('CONTACT_NOT_FOUND', `the applicant has no ${kind} contact`);
  return contact;
}

export interface ChallengeEnvironment {
  readonly now: Date;
  /** The service's code key (derived from DATA_ENCRYPTION_KEY). */
  readonly key: Uint8Array;
}

/** The stored challenge and the code in clear, which goes only into the delivery instruction. */
export interface IssuedChallenge {
  readonly challenge: ContactVerification;
  readonly code: string;
}

/**
 * A new code for a contact that is not verified yet, at most one a minute
 * and ten a rolling day per contact. Replaces any earlier challenge: its
 * code stops working.
 */
export function issueContactVerification(
  request: { readonly applicant: Applicant; readonly kind: string; readonly previous: ContactVerification | null },
  env: ChallengeEnvironment & { readonly random: RandomSource; readonly challengeId: string },
): IssuedChallenge {
  const kind = assertContactKind(request.kind);
  const contact = contactOf(request.applicant, kind);
  if (contact.verifiedAt) throw precondition('CONTACT_ALREADY_VERIFIED', `the ${kind} contact was verified at ${contact.verifiedAt}`);
  const now = env.now.getTime();
  const { previous } = request;
  if (previous) {
    const wait = Date.parse(previous.sentAt) + RESEND_COOLDOWN_MS - now;
    if (wait > 0) throw rateLimited('CONTACT_VERIFICATION_COOLDOWN', `a code was sent less than ${RESEND_COOLDOWN_MS / 1000} s ago`, wait);
  }
  const sameWindow = previous !== null && now - Date.parse(previous.windowStartedAt) < DAY_MS;
  if (previous && sameWindow && previous.sentInWindow >= MAX_CODES_PER_DAY) {
    throw rateLimited('CONTACT_VERIFICATION_DAILY_LIMIT', `at most ${MAX_CODES_PER_DAY} codes a day to one contact`, Date.parse(previous.windowStartedAt) + DAY_MS - now);
  }
  const code = generateCode(env.random);
  const salt = Buffer.from(env.random.bytes(SALT_BYTES)).toString('base64url');
  const challenge: ContactVerification = {
    id: contactVerificationId(request.applicant.id, kind),
    challengeId: env.challengeId,
    applicantId: request.applicant.id,
    kind,
    destination: contact.value,
    salt,
    codeHash: codeDigest(env.key, salt, code),
    status: 'PENDING',
    wrongAttempts: 0,
    sentAt: env.now.toISOString(),
    expiresAt: new Date(now + CODE_TTL_MS).toISOString(),
    windowStartedAt: previous && sameWindow ? previous.windowStartedAt : env.now.toISOString(),
    sentInWindow: previous && sameWindow ? previous.sentInWindow + 1 : 1,
  };
  return { challenge, code };
}

/**
 * The applicant with `verified` (a contact of theirs, verifiedAt set) in
 * place of their contact of that kind; refused when that contact no longer
 * holds the value the code proved (it changed since).
 */
export function withContactVerified(applicant: Applicant, verified: ContactChannel): Applicant {
  if (!applicant.contacts.some((c) => c.kind === verified.kind && c.value === verified.value)) {
    throw precondition('CONTACT_VERIFICATION_STALE', 'the contact changed after the code was sent; request a new one');
  }
  return { ...applicant, contacts: applicant.contacts.map((c) => (c.kind === verified.kind ? verified : c)) };
}

/**
 * What a code did. A wrong code changes the challenge too (one more
 * attempt, perhaps locked): the caller stores it, then refuses.
 */
export type ConfirmOutcome =
  | { readonly verified: true; readonly challenge: ContactVerification; readonly applicant: Applicant; readonly contact: ContactChannel }
  | { readonly verified: false; readonly challenge: ContactVerification; readonly refusal: DomainError };

/**
 * Checks a code against the contact's challenge. Refused without counting:
 * a malformed code, no challenge, a used, locked or expired one, a contact
 * that changed since. A right code verifies the contact and uses the
 * challenge up; a wrong one counts, and the fifth locks it.
 */
export function confirmContactVerification(
  attempt: { readonly applicant: Applicant; readonly kind: string; readonly code: string; readonly challenge: ContactVerification | null },
  env: ChallengeEnvironment,
): ConfirmOutcome {
  const kind = assertContactKind(attempt.kind);
  if (!CODE.test(attempt.code)) throw invalid('CONTACT_VERIFICATION_CODE_INVALID', 'the code is six digits', [{ field: 'code', message: 'six digits' }]);
  const { challenge } = attempt;
  if (!challenge) throw precondition('CONTACT_VERIFICATION_NOT_REQUESTED', `no code was requested for the ${kind} contact`);
  if (challenge.status === 'VERIFIED') throw precondition('CONTACT_VERIFICATION_USED', 'this code has been used; request a new one');
  if (challenge.status === 'LOCKED') throw precondition('CONTACT_VERIFICATION_LOCKED', 'too many wrong codes; request a new one');
  if (env.now.getTime() >= Date.parse(challenge.expiresAt)) throw precondition('CONTACT_VERIFICATION_EXPIRED', `the code expired at ${challenge.expiresAt}; request a new one`);
  const contact = contactOf(attempt.applicant, kind);
  if (contact.value !== challenge.destination) throw precondition('CONTACT_VERIFICATION_STALE', 'the contact changed after the code was sent; request a new one');

  const closedAt = env.now.toISOString();
  if (sameDigest(codeDigest(env.key, challenge.salt, attempt.code), challenge.codeHash)) {
    const verified: ContactChannel = { ...contact, verifiedAt: closedAt };
    return {
      verified: true,
      challenge: { ...challenge, status: 'VERIFIED', closedAt },
      applicant: withContactVerified(attempt.applicant, verified),
      contact: verified,
    };
  }
  const wrongAttempts = challenge.wrongAttempts + 1;
  if (wrongAttempts >= MAX_WRONG_CODES) {
    return {
      verified: false,
      challenge: { ...challenge, wrongAttempts, status: 'LOCKED', closedAt },
      refusal: precondition('CONTACT_VERIFICATION_LOCKED', `wrong code; after ${MAX_WRONG_CODES} wrong codes this one is locked: request a new one`),
    };
  }
  const left = MAX_WRONG_CODES - wrongAttempts;
  return {
    verified: false,
    challenge: { ...challenge, wrongAttempts },
    refusal: invalid('CONTACT_VERIFICATION_CODE_WRONG', `wrong code; ${left} attempt(s) left`, [{ field: 'code', message: `wrong code, ${left} attempt(s) left` }]),
  };
}
