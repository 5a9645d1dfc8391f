import { DatabaseSync } from 'node:sqlite';
import { EVENT_TYPES, parseEventData, TOPICS } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { codeDigest, CODE_TTL_MS, MAX_WRONG_CODES, RESEND_COOLDOWN_MS } from '../../domain/index.js';
import type { ApplicantRegistry } from '../ports.js';
import { scriptedRandom } from '../../testing/fixtures.js';
import { ConfirmContactVerification } from './confirm-contact-verification.js';
import { announced, demo, NOW, principal, rejection, testIdentity } from '../../testing/identity.js';

const MOBILE = '13800000000';
const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

/** The code the last request sent, read from the delivery instruction in the outbox. */
async function lastCode(store: Awaited<ReturnType<typeof testIdentity>>['store']): Promise<string> {
  const event = (await announced(store)).filter((e) => e.type === EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED).at(-1);
  return parseEventData(EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED, event?.data).code;
}

/** The code as a number of its own: six digits may occur inside an id by chance. */
const asNumber = (code: string) => new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`);

/** A six-digit code that is not `code`. */
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const self = { applicantId: '', kind: 'mobile' };

describe('asking for a code', () => {
  it('announces the code to notifications, keyed by applicant, and keeps only its keyed hash', async () => {
    const { useCases, store, file, codeKey } = await testIdentity();
    const sent = await useCases.requestContactVerification.execute(demo.applicant, self);
    expect(sent).toEqual({ kind: 'mobile', destination: MOBILE, expiresAt: at(CODE_TTL_MS), resendAfter: at(RESEND_COOLDOWN_MS), attemptsAllowed: MAX_WRONG_CODES });

    const [pending] = await store.outbox.pending(10);
    expect(pending).toMatchObject({ topic: TOPICS.IDENTITY_CONTACT_VERIFICATION, key: demo.applicant.subject });
    const code = await lastCode(store);
    const [event] = await announced(store);
    expect(event?.data).toEqual({
      challengeId: event?.id,
      applicantId: demo.applicant.subject,
      kind: 'mobile',
      destination: MOBILE,
      code: expect.stringMatching(/^\d{6}$/),
      requestedAt: NOW,
      expiresAt: at(CODE_TTL_MS),
    });

    const db = new DatabaseSync(file, { readOnly: true });
    const rows = db.prepare('SELECT doc FROM "contact_verifications"').all() as { doc: string }[];
    db.close();
    expect(rows).toHaveLength(1);
    const stored = JSON.parse(rows[0]?.doc ?? '{}') as { codeHash: string; salt: string };
    expect(stored.codeHash).toBe(codeDigest(codeKey, stored.salt, code));
    expect(rows[0]?.doc).not.toContain(`"${code}"`);
  });

  it('audits the request with the contact masked and without the code', async () => {
    const { useCases, store, recorded } = await testIdentity();
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const code = await lastCode(store);
    expect(recorded.at(-1)).toMatchObject({
      action: 'identity.contact.verification.request',
      resource: `applicant:${demo.applicant.subject}`,
      outcome: 'ALLOWED',
      reason: `code sent to mobile 138****0000, expires ${at(CODE_TTL_MS)}`,
    });
    expect(JSON.stringify(recorded)).not.toMatch(asNumber(code));
    expect(JSON.stringify(recorded)).not.toContain(MOBILE);
  });

  it('refuses another applicant, staff and agents, announcing nothing', async () => {
    const { useCases, store } = await testIdentity();
    const other = principal('u-other', 'other-applicant', ['applicant']);
    for (const caller of [other, demo.clerk, demo.admin]) {
      expect(await rejection(useCases.requestContactVerification.execute(caller, { applicantId: demo.applicant.subject, kind: 'mobile' }))).toMatchObject({ kind: 'forbidden' });
    }
    expect(await rejection(useCases.requestContactVerification.execute(demo.applicant, { ...self, kind: 'email' }))).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect(await announced(store)).toEqual([]);
  });

  it('sends again only after a minute, and the new code replaces the old one', async () => {
    const { useCases, store, clock } = await testIdentity({ random: scriptedRandom(111_111, 222_222) });
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const first = await lastCode(store);
    expect(first).toBe('111111');
    clock.advance(30_000);
    expect(await rejection(useCases.requestContactVerification.execute(demo.applicant, self))).toMatchObject({
      kind: 'rate_limited',
      code: 'CONTACT_VERIFICATION_COOLDOWN',
      details: [{ field: 'retryAfterSeconds', message: '30' }],
    });
    clock.advance(30_000);
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const second = await lastCode(store);
    expect(second).toBe('222222');
    expect(await rejection(useCases.confirmContactVerification.execute(demo.applicant, { ...self, code: first }))).toMatchObject({ code: 'CONTACT_VERIFICATION_CODE_WRONG' });
    expect(await useCases.confirmContactVerification.execute(demo.applicant, { ...self, code: second })).toMatchObject({ verifiedAt: clock.now().toISOString() });
  });
});

describe('confirming a code', () => {
  it('refuses a wrong code, then verifies the contact with the right one, once', async () => {
    const { useCases, store, clock, recorded } = await testIdentity();
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const code = await lastCode(store);
    clock.advance(90_000);

    expect(await rejection(useCases.confirmContactVerification.execute(demo.applicant, { ...self, code: otherThan(code) }))).toMatchObject({
      kind: 'invalid',
      code: 'CONTACT_VERIFICATION_CODE_WRONG',
      details: [{ field: 'code', message: 'wrong code, 4 attempt(s) left' }],
    });
    expect(recorded.at(-1)).toMatchObject({ action: 'identity.contact.verify', outcome: 'DENIED', reason: 'mobile 138****0000: CONTACT_VERIFICATION_CODE_WRONG' });
    expect((await useCases.getApplicant.execute(demo.applicant, demo.applicant.subject)).contacts).toEqual([{ kind: 'mobile', value: MOBILE }]);

    const contact = await useCases.confirmContactVerification.execute(demo.applicant, { ...self, code });
    expect(contact).toEqual({ kind: 'mobile', value: MOBILE, verifiedAt: at(90_000) });
    expect((await useCases.getApplicant.execute(demo.applicant, demo.applicant.subject)).contacts).toEqual([contact]);
    expect(recorded.at(-1)).toMatchObject({ action: 'identity.contact.verify', outcome: 'ALLOWED', reason: 'mobile 138****0000 verified' });
    expect(JSON.stringify(recorded)).not.toMatch(asNumber(code));

    expect(await rejection(useCases.confirmContactVerification.execute(demo.applicant, { ...self, code }))).toMatchObject({ code: 'CONTACT_VERIFICATION_USED' });
    expect(await rejection(useCases.requestContactVerification.execute(demo.applicant, self))).toMatchObject({ code: 'CONTACT_ALREADY_VERIFIED' });
  });

  /** The confirm use case over an applicant registry where `meanwhile` changes the applicant just before the first write. */
  async function confirmRacing(meanwhile: (applicants: ApplicantRegistry) => Promise<void>) {
    const identity = await testIdentity();
    await identity.useCases.requestContactVerification.execute(demo.applicant, self);
    const code = await lastCode(identity.store);
    const applicants = identity.repositories.applicants;
    let raced = false;
    const racing: ApplicantRegistry = {
      ...applicants,
      update: async (applicant, version) => {
        if (!raced) {
          raced = true;
          await meanwhile(applicants);
        }
        await applicants.update(applicant, version);
      },
    };
    const confirm = new ConfirmContactVerification({
      applicants: racing,
      verifications: identity.repositories.contactVerifications,
      audit: { record: async () => undefined },
      clock: identity.clock,
      random: scriptedRandom(1),
      codeKey: identity.codeKey,
    });
    return { identity, attempt: confirm.execute(demo.applicant, { ...self, code }) };
  }

  it('verifies onto a fresh read when the applicant changed between the read and the write, keeping that change', async () => {
    const { identity, attempt } = await confirmRacing(async (applicants) => {
      const current = (await applicants.load(demo.applicant.subject))!;
      await applicants.update({ ...current.applicant, displayName: '张三丰' }, current.version);
    });
    expect(await attempt).toEqual({ kind: 'mobile', value: MOBILE, verifiedAt: NOW });
    const stored = (await identity.repositories.applicants.load(demo.applicant.subject))!.applicant;
    expect(stored).toMatchObject({ displayName: '张三丰', contacts: [{ kind: 'mobile', value: MOBILE, verifiedAt: NOW }] });
  });

  it('refuses when the contact itself changed between the read and the write', async () => {
    const { identity, attempt } = await confirmRacing(async (applicants) => {
      const current = (await applicants.load(demo.applicant.subject))!;
      await applicants.update({ ...current.applicant, contacts: [{ kind: 'mobile', value: '13900000000' }] }, current.version);
    });
    expect(await rejection(attempt)).toMatchObject({ kind: 'precondition', code: 'CONTACT_VERIFICATION_STALE' });
    expect((await identity.repositories.applicants.load(demo.applicant.subject))!.applicant.contacts).toEqual([{ kind: 'mobile', value: '13900000000' }]);
  });

  it(`locks after ${MAX_WRONG_CODES} wrong codes, and a new code after the cooldown works`, async () => {
    const { useCases, store, clock } = await testIdentity();
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const code = await lastCode(store);
    const codes: string[] = [];
    for (let i = 0; i < MAX_WRONG_CODES; i++) {
      codes.push((await rejection(useCases.confirmContactVerification.execute(demo.applicant, { ...self, code: otherThan(code) }))).code);
    }
    expect(codes.at(-1)).toBe('CONTACT_VERIFICATION_LOCKED');
    expect(await rejection(useCases.confirmContactVerification.execute(demo.applicant, { ...self, code }))).toMatchObject({ code: 'CONTACT_VERIFICATION_LOCKED' });

    clock.advance(RESEND_COOLDOWN_MS);
    await useCases.requestContactVerification.execute(demo.applicant, self);
    expect(await useCases.confirmContactVerification.execute(demo.applicant, { ...self, code: await lastCode(store) })).toMatchObject({ verifiedAt: clock.now().toISOString() });
  });

  it('refuses the right code after ten minutes', async () => {
    const { useCases, store, clock } = await testIdentity();
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const code = await lastCode(store);
    clock.advance(CODE_TTL_MS);
    expect(await rejection(useCases.confirmContactVerification.execute(demo.applicant, { ...self, code }))).toMatchObject({ kind: 'precondition', code: 'CONTACT_VERIFICATION_EXPIRED' });
  });

  it("refuses to confirm another applicant's contact before looking at any code", async () => {
    const { useCases, store } = await testIdentity();
    await useCases.requestContactVerification.execute(demo.applicant, self);
    const code = await lastCode(store);
    const other = principal('u-other', 'other-applicant', ['applicant']);
    expect(await rejection(useCases.confirmContactVerification.execute(other, { applicantId: demo.applicant.subject, kind: 'mobile', code }))).toMatchObject({ kind: 'forbidden' });
    expect((await useCases.getApplicant.execute(demo.applicant, demo.applicant.subject)).contacts).toEqual([{ kind: 'mobile', value: MOBILE }]);
  });
});
