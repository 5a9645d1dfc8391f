import { DomainError } from '@onewindow/kernel/errors';
import { describe, expect, it } from 'vitest';
import { applicantProfileFixture, scriptedRandom } from '../testing/fixtures.js';
import type { Applicant } from './applicant.js';
import {
  CODE_TTL_MS,
  codeDigest,
  confirmContactVerification,
  generateCode,
  issueContactVerification,
  maskContact,
  MAX_CODES_PER_DAY,
  MAX_WRONG_CODES,
  RESEND_COOLDOWN_MS,
  type ContactVerification,
} from './contact-verification.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const KEY = new Uint8Array(32).fill(7);
const later = (ms: number) => new Date(NOW.getTime() + ms);
const applicant = applicantProfileFixture();

function issue(overrides: { applicant?: Applicant; kind?: string; previous?: ContactVerification | null; now?: Date; draw?: number } = {}) {
  return issueContactVerification(
    { applicant: overrides.applicant ?? applicant, kind: overrides.kind ?? 'mobile', previous: overrides.previous ?? null },
    { now: overrides.now ?? NOW, key: KEY, random: scriptedRandom(overrides.draw ?? 907_153), challengeId: 'ch-1' },
  );
}

function confirm(challenge: ContactVerification | null, code: string, now = NOW, who: Applicant = applicant) {
  return confirmContactVerification({ applicant: who, kind: 'mobile', code, challenge }, { now, key: KEY });
}

function thrown(act: () => unknown): DomainError {
  try {
    act();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** Wrong codes, one after the other, each on the state the last one left. */
function wrongTimes(start: ContactVerification, times: number) {
  let challenge = start;
  const refusals: DomainError[] = [];
  for (let i = 0; i < times; i++) {
    const outcome = confirm(challenge, '000000');
    if (outcome.verified) throw new Error('a wrong code verified');
    challenge = outcome.challenge;
    refusals.push(outcome.refusal);
  }
  return { challenge, refusals };
}

describe('one-time codes', () => {
  it('draws six digits from the random source, discarding draws that would bias the result', () => {
    expect(generateCode(scriptedRandom(42))).toBe('000042');
    expect(generateCode(scriptedRandom(1_000_123))).toBe('000123');
    expect(generateCode(scriptedRandom(0xffffffff, 987_654))).toBe('987654');
  });

  it('masks a contact for the audit trail', () => {
    expect(maskContact('mobile', '13800000000')).toBe('138****0000');
    expect(maskContact('email', 'zhang@example.com')).toBe('z***@example.com');
  });
});

describe('asking for a code', () => {
  it('keeps a salted keyed hash of the code, never the code, and expires it in ten minutes', () => {
    const { challenge, code } = issue();
    expect(code).toBe('907153');
    expect(challenge).toMatchObject({
      id: 'u-applicant:mobile',
      applicantId: 'u-applicant',
      kind: 'mobile',
      destination: '13912345678',
      status: 'PENDING',
      wrongAttempts: 0,
      sentAt: NOW.toISOString(),
      expiresAt: later(CODE_TTL_MS).toISOString(),
    });
    expect(challenge.codeHash).toBe(codeDigest(KEY, challenge.salt, '907153'));
    expect(challenge.codeHash).not.toBe(codeDigest(new Uint8Array(32), challenge.salt, '907153'));
    expect(JSON.stringify(challenge)).not.toContain('907153');
  });

  it('refuses an unknown kind, a contact the applicant does not have, and one already verified', () => {
    expect(thrown(() => issue({ kind: 'fax' }))).toMatchObject({ kind: 'invalid', code: 'CONTACT_KIND_INVALID' });
    const mobileOnly = applicantProfileFixture({ contacts: [{ kind: 'mobile', value: '13912345678' }] });
    expect(thrown(() => issue({ applicant: mobileOnly, kind: 'email' }))).toMatchObject({ kind: 'not_found', code: 'CONTACT_NOT_FOUND' });
    const verified = applicantProfileFixture({ contacts: [{ kind: 'mobile', value: '13912345678', verifiedAt: '2026-03-01T00:00:00.000Z' }] });
    expect(thrown(() => issue({ applicant: verified }))).toMatchObject({ kind: 'precondition', code: 'CONTACT_ALREADY_VERIFIED' });
  });

  it('sends again only after the cooldown, saying how long to wait', () => {
    const first = issue().challenge;
    const early = thrown(() => issue({ previous: first, now: later(RESEND_COOLDOWN_MS - 15_000) }));
    expect(early).toMatchObject({ kind: 'rate_limited', code: 'CONTACT_VERIFICATION_COOLDOWN', details: [{ field: 'retryAfterSeconds', message: '15' }] });
    const again = issue({ previous: first, now: later(RESEND_COOLDOWN_MS), draw: 654_321 });
    expect(again.code).toBe('654321');
    expect(again.challenge).toMatchObject({ sentInWindow: 2, windowStartedAt: NOW.toISOString(), wrongAttempts: 0, status: 'PENDING' });
  });

  it(`sends at most ${MAX_CODES_PER_DAY} codes to one contact in a rolling day`, () => {
    let previous = issue().challenge;
    for (let i = 1; i < MAX_CODES_PER_DAY; i++) previous = issue({ previous, now: later(i * RESEND_COOLDOWN_MS) }).challenge;
    expect(previous.sentInWindow).toBe(MAX_CODES_PER_DAY);
    const refused = thrown(() => issue({ previous, now: later(MAX_CODES_PER_DAY * RESEND_COOLDOWN_MS) }));
    expect(refused).toMatchObject({ kind: 'rate_limited', code: 'CONTACT_VERIFICATION_DAILY_LIMIT' });
    expect(Number(refused.details[0]?.message)).toBe((86_400_000 - MAX_CODES_PER_DAY * RESEND_COOLDOWN_MS) / 1000);
    expect(issue({ previous, now: later(86_400_000) }).challenge).toMatchObject({ sentInWindow: 1, windowStartedAt: later(86_400_000).toISOString() });
  });
});

describe('confirming a code', () => {
  it('verifies the contact with the right code and uses the challenge up', () => {
    const { challenge, code } = issue();
    const outcome = confirm(challenge, code, later(60_000));
    if (!outcome.verified) throw outcome.refusal;
    expect(outcome.contact).toEqual({ kind: 'mobile', value: '13912345678', verifiedAt: later(60_000).toISOString() });
    expect(outcome.applicant.contacts).toEqual([outcome.contact, { kind: 'email', value: 'zhang@example.com' }]);
    expect(outcome.challenge).toMatchObject({ status: 'VERIFIED', closedAt: later(60_000).toISOString() });
    expect(thrown(() => confirm(outcome.challenge, code, later(61_000)))).toMatchObject({ code: 'CONTACT_VERIFICATION_USED' });
  });

  it('counts a wrong code and says how many attempts are left', () => {
    const { challenge } = issue();
    const outcome = confirm(challenge, '654321');
    expect(outcome.verified).toBe(false);
    expect(outcome.challenge).toMatchObject({ wrongAttempts: 1, status: 'PENDING' });
    if (outcome.verified) return;
    expect(outcome.refusal).toMatchObject({ kind: 'invalid', code: 'CONTACT_VERIFICATION_CODE_WRONG', details: [{ field: 'code', message: 'wrong code, 4 attempt(s) left' }] });
  });

  it(`locks the challenge on the ${MAX_WRONG_CODES}th wrong code, after which even the right code is refused`, () => {
    const { challenge, code } = issue();
    const { challenge: locked, refusals } = wrongTimes(challenge, MAX_WRONG_CODES);
    expect(refusals.map((r) => r.code)).toEqual([...Array(MAX_WRONG_CODES - 1).fill('CONTACT_VERIFICATION_CODE_WRONG'), 'CONTACT_VERIFICATION_LOCKED']);
    expect(locked).toMatchObject({ status: 'LOCKED', wrongAttempts: MAX_WRONG_CODES });
    expect(thrown(() => confirm(locked, code))).toMatchObject({ kind: 'precondition', code: 'CONTACT_VERIFICATION_LOCKED' });
  });

  it('refuses the right code once it has expired', () => {
    const { challenge, code } = issue();
    const lastMoment = confirm(challenge, code, later(CODE_TTL_MS - 1));
    expect(lastMoment.verified).toBe(true);
    expect(thrown(() => confirm(challenge, code, later(CODE_TTL_MS)))).toMatchObject({ kind: 'precondition', code: 'CONTACT_VERIFICATION_EXPIRED' });
  });

  it('refuses a code for a contact that changed since it was sent', () => {
    const { challenge, code } = issue();
    const changed = applicantProfileFixture({ contacts: [{ kind: 'mobile', value: '13700000000' }] });
    expect(thrown(() => confirm(challenge, code, NOW, changed))).toMatchObject({ code: 'CONTACT_VERIFICATION_STALE' });
  });

  it('refuses without counting a malformed code or a contact with no code requested', () => {
    const { challenge } = issue();
    expect(thrown(() => confirm(challenge, '12345a'))).toMatchObject({ kind: 'invalid', code: 'CONTACT_VERIFICATION_CODE_INVALID' });
    expect(thrown(() => confirm(null, '123456'))).toMatchObject({ kind: 'precondition', code: 'CONTACT_VERIFICATION_NOT_REQUESTED' });
  });

  it('makes an earlier code useless once a new one is sent', () => {
    const first = issue();
    const second = issue({ previous: first.challenge, now: later(RESEND_COOLDOWN_MS), draw: 222_222 });
    const outcome = confirm(second.challenge, first.code, later(RESEND_COOLDOWN_MS));
    expect(outcome.verified).toBe(false);
    expect(confirm(second.challenge, second.code, later(RESEND_COOLDOWN_MS)).verified).toBe(true);
  });
});
