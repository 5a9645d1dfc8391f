import { authorize, type Principal } from '@onewindow/auth';
import { EVENT_TYPES, newEvent, toOutboxMessage } from '@onewindow/events/catalog';
import { newId, notFound, type Clock } from '@onewindow/kernel';
import {
  assertContactKind,
  issueContactVerification,
  maskContact,
  MAX_WRONG_CODES,
  RESEND_COOLDOWN_MS,
  type ContactKind,
  type RandomSource,
} from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import { EVENT_SOURCE } from '../event-source.js';
import type { ApplicantRegistry, AuditRecorder, ContactVerificationRepository } from '../ports.js';

export interface ContactVerificationDeps {
  readonly applicants: ApplicantRegistry;
  readonly verifications: ContactVerificationRepository;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Keys the code hashes (derived from DATA_ENCRYPTION_KEY). */
  readonly codeKey: Uint8Array;
}

export interface ContactVerificationRequest {
  /** Empty: the caller. */
  readonly applicantId: string;
  readonly kind: string;
}

/**
 * The applicant and the contact kind a request names (an empty applicant:
 * the caller), once the caller may verify that applicant's contacts.
 */
export function contactInQuestion(caller: Principal, request: ContactVerificationRequest): { applicantId: string; kind: ContactKind } {
  const applicantId = request.applicantId || caller.subject;
  authorize(caller, 'applicant.contact.verify', { applicantId });
  return { applicantId, kind: assertContactKind(request.kind) };
}

/** What the applicant is told: where the code went and until when; never the code. */
export interface ContactVerificationSent {
  readonly kind: ContactKind;
  readonly destination: string;
  readonly expiresAt: string;
  readonly resendAfter: string;
  readonly attemptsAllowed: number;
}

/**
 * Sends a one-time code to one of the applicant's own contacts: the
 * challenge (a keyed hash of the code) and the delivery instruction for
 * notifications (the code in clear) are written together (outbox).
 */
export class RequestContactVerification {
  constructor(private readonly deps: ContactVerificationDeps) {}

  async execute(caller: Principal, request: ContactVerificationRequest): Promise<ContactVerificationSent> {
    const { applicants, verifications, clock } = this.deps;
    const { applicantId, kind } = contactInQuestion(caller, request);
    const applicant = await applicants.get(applicantId);
    if (!applicant) throw notFound('APPLICANT_NOT_FOUND', `no applicant ${applicantId}`);
    const previous = await verifications.get(applicantId, kind);
    const now = clock.now();
    const challengeId = newId(now.getTime());
    const { challenge, code } = issueContactVerification(
      { applicant, kind, previous: previous?.challenge ?? null },
      { now, key: this.deps.codeKey, random: this.deps.random, challengeId },
    );
    const event = newEvent({
      type: EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED,
      id: challengeId,
      source: EVENT_SOURCE,
      subject: applicantId,
      time: now,
      data: { challengeId, applicantId, kind, destination: challenge.destination, code, requestedAt: challenge.sentAt, expiresAt: challenge.expiresAt },
    });
    await verifications.save(challenge, previous?.version ?? null, [toOutboxMessage(event)]);
    await recordChange(this.deps.audit, clock, caller, 'identity.contact.verification.request', `applicant:${applicantId}`,
      `code sent to ${kind} ${maskContact(kind, challenge.destination)}, expires ${challenge.expiresAt}`);
    return {
      kind,
      destination: challenge.destination,
      expiresAt: challenge.expiresAt,
      resendAfter: new Date(now.getTime() + RESEND_COOLDOWN_MS).toISOString(),
      attemptsAllowed: MAX_WRONG_CODES,
    };
  }
}
