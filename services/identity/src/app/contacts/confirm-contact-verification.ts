import type { Principal } from '@onewindow/auth';
import { notFound } from '@onewindow/kernel';
import { retryOnVersionConflict } from '@onewindow/store/retry';
import { confirmContactVerification, maskContact, withContactVerified, type ContactChannel } from '../../domain/index.js';
import { recordChange, recordRefusal } from '../audit/record.js';
import type { StoredApplicant } from '../ports.js';
import { contactInQuestion, type ContactVerificationDeps, type ContactVerificationRequest } from './request-contact-verification.js';

export interface ContactVerificationAttempt extends ContactVerificationRequest {
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
    const { applicantId, kind } = contactInQuestion(caller, attempt);
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
    await this.markVerified({ applicant: outcome.applicant, version: loaded.version }, outcome.contact);
    await recordChange(audit, clock, caller, 'identity.contact.verify', resource, `${masked} verified`);
    return outcome.contact;
  }

  /**
   * Writes the applicant with the contact verified, as decided on the
   * version read; when another write came between, onto a fresh read.
   */
  private async markVerified(decided: StoredApplicant, contact: ContactChannel): Promise<void> {
    let next: StoredApplicant | null = decided;
    await retryOnVersionConflict(async () => {
      const write = next ?? (await this.reread(decided.applicant.id, contact));
      next = null;
      await this.deps.applicants.update(write.applicant, write.version);
    }, APPLICANT_WRITE_TRIES);
  }

  private async reread(applicantId: string, contact: ContactChannel): Promise<StoredApplicant> {
    const current = await this.deps.applicants.load(applicantId);
    if (!current) throw notFound('APPLICANT_NOT_FOUND', `no applicant ${applicantId}`);
    return { applicant: withContactVerified(current.applicant, contact), version: current.version };
  }
}
