import { authorize, type Principal } from '@onewindow/auth';
import { isDomainError, notFound, precondition } from '@onewindow/kernel';
import { STORE_VERSION_CONFLICT } from '@onewindow/store';
import { assertContactKind, confirmContactVerification, maskContact, type Applicant, type ContactChannel } from '../../domain/index.js';
import { recordChange, recordRefusal } from '../audit/record.js';
import type { ContactVerificationDeps } from './request-contact-verification.js';

export interface ContactVerificationAttempt {
  /** Empty: the caller. */
  readonly applicantId: string;
  readonly kind: string;
  readonly code: string;
}

/** Another write to the applicant between our read and write: read again, up to this many times. */
const APPLICANT_WRITE_TRIES = 3;

/**
 * Checks a one-time code. The challenge is written first (a wrong code
 * counted, a right one spent), so a code is never good twice and no guess
 * goes uncounted; then the contact is marked verified. A crash between the
 * two leaves the contact unverified and the code spent: the applicant asks
 * for another, nothing is verified that should not be.
 */
export class ConfirmContactVerification {
  constructor(private readonly deps: ContactVerificationDeps) {}

  async execute(caller: Principal, attempt: ContactVerificationAttempt): Promise<ContactChannel> {
    const { applicants, verifications, clock, audit } = this.deps;
    const applicantId = attempt.applicantId || caller.subject;
    authorize(caller, 'applicant.contact.verify', { applicantId });
    const kind = assertContactKind(attempt.kind);
    const loaded = await applicants.load(applicantId);
    if (!loaded) throw notFound('APPLICANT_NOT_FOUND', `no applicant ${applicantId}`);
    const stored = await verifications.get(applicantId, kind);
    const outcome = confirmContactVerification(
      { applicant: loaded.applicant, kind, code: attempt.code, challenge: stored?.challenge ?? null },
      { now: clock.now(), key: this.deps.codeKey },
    );
    await verifications.save(outcome.challenge, stored?.version ?? null, []);
    const resource = `applicant:${applicantId}`;
    const masked = `${kind} ${maskContact(kind, outcome.challenge.destination)}`;
    if (!outcome.verified) {
      await recordRefusal(audit, clock, caller, 'identity.contact.verify', resource, `${masked}: ${outcome.refusal.code}`);
      throw outcome.refusal;
    }
    const contact = await this.markVerified(loaded, outcome.applicant, outcome.contact);
    await recordChange(audit, clock, caller, 'identity.contact.verify', resource, `${masked} verified`);
    return contact;
  }

  private async markVerified(loaded: { applicant: Applicant; version: number }, verified: Applicant, contact: ContactChannel): Promise<ContactChannel> {
    let current = loaded;
    let next = verified;
    for (let tries = 1; ; tries++) {
      try {
        await this.deps.applicants.update(next, current.version);
        return contact;
      } catch (err) {
        if (!isDomainError(err) || err.code !== STORE_VERSION_CONFLICT || tries >= APPLICANT_WRITE_TRIES) throw err;
        const again = await this.deps.applicants.load(loaded.applicant.id);
        if (!again) throw err;
        current = again;
        if (!again.applicant.contacts.some((c) => c.kind === contact.kind && c.value === contact.value)) {
          throw precondition('CONTACT_VERIFICATION_STALE', 'the contact changed while the code was checked; request a new one');
        }
        next = { ...again.applicant, contacts: again.applicant.contacts.map((c) => (c.kind === contact.kind ? contact : c)) };
      }
    }
  }
}
