import { precondition } from '@onewindow/kernel/errors';
import type { EventDataMap } from '@onewindow/events/catalog';
import type { ApplicantKind } from './party.js';

/**
 * The case (办件) from the first draft to closing, as intake sees it:
 *
 *   DRAFT                → PRE_REVIEW               the applicant asks for a pre-review (预审)
 *   PRE_REVIEW           → DRAFT                    a clerk pre-reviews it (PASSED or RETURNED)
 *   DRAFT                → SUBMITTED                submitted: received (申报); the 5-working-day clock starts
 *   SUBMITTED            → ACCEPTED                 accepted (受理), with pending materials (容缺受理), or
 *                                                   deemed accepted when nobody answered in 5 working days
 *   SUBMITTED            → SUPPLEMENT_REQUESTED     the one-time notice (一次性告知书)
 *   SUPPLEMENT_REQUESTED → SUBMITTED                every listed material supplied
 *   SUBMITTED | SUPPLEMENT_REQUESTED → NOT_ACCEPTED refused to accept (不予受理)
 *   ACCEPTED             → TERMINATED               pending materials not supplied by their deadline
 *   ACCEPTED             → APPROVED                 decided APPROVED: waits for the licence
 *   ACCEPTED             → CLOSED                   decided (REJECTED, or APPROVED without a licence)
 *   ACCEPTED | APPROVED  → CLOSED                   licence issued
 *   CLOSED (REJECTED)    → APPROVED | CLOSED        the refusal overturned by internal review (复核):
 *                                                   decided APPROVED in its place, as above
 *
 * Approval and certificate tell intake what happened over two topics, so
 * their facts may arrive in either order and more than once: repeating a
 * fact the case already reflects changes nothing, a fact that contradicts
 * it is refused.
 */
export const CASE_STATUSES = [
  'DRAFT',
  'PRE_REVIEW',
  'SUBMITTED',
  'SUPPLEMENT_REQUESTED',
  'ACCEPTED',
  'NOT_ACCEPTED',
  'TERMINATED',
  'APPROVED',
  'CLOSED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Where a case ends: nothing changes it any more, but for a refusal overturned by internal review. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['NOT_ACCEPTED', 'TERMINATED', 'CLOSED'];
export type Decision = 'APPROVED' | 'REJECTED';
export type CaseOutcome = EventDataMap['onewindow.intake.case.closed.v1']['outcome'];

export interface MaterialRef {
  /** The catalog material code, e.g. `M01`. */
  readonly code: string;
  /** An uploaded file (its id in intake's file register). */
  readonly fileId: string | null;
  /** A licence from the holder's library used instead of a file (免证办), checked with certificate. */
  readonly licenceId: string | null;
}

/** 告知承诺制: the applicant's signed commitment in place of a proof, kept for verification afterwards. */
export interface Commitment {
  readonly materialCode: string;
  readonly text: string;
  readonly signedBy: string;
  readonly signedAt: string;
  /** The agency verifies afterwards (事后核查); a false commitment leads to revocation. */
  readonly verification: 'PENDING';
}

export const DEFICIENCY_PROBLEMS = ['MISSING', 'DEFICIENT'] as const;
export type DeficiencyProblem = (typeof DEFICIENCY_PROBLEMS)[number];

/** One line of a one-time notice or a returned pre-review: what is wrong with one material. */
export interface Deficiency {
  readonly materialCode: string;
  readonly problem: DeficiencyProblem;
  readonly note: string;
}

export interface PreReview {
  readonly requestedAt: string;
  readonly result: 'PASSED' | 'RETURNED' | null;
  readonly opinion: string;
  readonly deficiencies: readonly Deficiency[];
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
}

/** 容缺受理: accepted with these materials still to come, under a signed commitment, by `dueDate`. */
export interface PendingMaterials {
  readonly materialCodes: readonly string[];
  readonly commitment: { readonly text: string; readonly signedBy: string; readonly fileId: string | null };
  readonly deadlineWorkingDays: number;
  /** YYYY-MM-DD (China): the last working day to supply them. */
  readonly dueDate: string;
  /** Pending codes supplied so far. */
  readonly supplied: readonly string[];
  readonly suppliedAt: string | null;
}

/** 即办件: the decision taken at the window together with the acceptance. */
export interface WindowDecision {
  readonly decision: Decision;
  readonly opinion: string;
  readonly legalBasis: readonly string[];
  readonly decidedBy: string;
}

export const ACCEPTANCE_KINDS = ['STANDARD', 'WITH_PENDING', 'DEEMED'] as const;
export type AcceptanceKind = (typeof ACCEPTANCE_KINDS)[number];

export interface SupplementRequest {
  readonly deficiencies: readonly Deficiency[];
  readonly opinion: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** Listed codes supplied so far. */
  readonly supplied: readonly string[];
  readonly supplementedAt: string | null;
}

export interface Rejection {
  readonly reason: string;
  readonly legalBasis: readonly string[];
  readonly rejectedBy: string;
  readonly rejectedAt: string;
}

export const DOCUMENT_KINDS = ['ACCEPTANCE_RECEIPT', 'NON_ACCEPTANCE_NOTICE', 'ONE_TIME_NOTICE'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A dated document the case produced; its PDF is stored by content hash once rendered. */
export interface CaseDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly issuedAt: string;
  /** SHA-256 of the PDF; null only between the transition and the rendering that completes it. */
  readonly sha256: string | null;
  readonly size: number;
}

/** Who filed the case: the applicant, an agent for them (帮办代办), or a window clerk for a walk-in. */
export interface FiledBy {
  readonly subject: string;
  readonly username: string;
  readonly role: 'APPLICANT' | 'AGENT' | 'CLERK';
}

export interface Case {
  readonly id: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  /** The catalog version the case was created under; later publications do not change it. */
  readonly itemVersion: number;
  readonly itemName: string;
  readonly status: CaseStatus;
  /** The applicant of record: a platform account (`sub`) or a party named by its identifier (`party:…`). */
  readonly applicantId: string;
  readonly applicantName: string;
  readonly applicantKind: ApplicantKind;
  /** Masked resident ID or USCC when the filer named the applicant; never the full number. */
  readonly applicantIdNumberMasked: string | null;
  /** The full number, sealed (AES-256-GCM under the data encryption key); never served. */
  readonly applicantIdNumberSealed: string | null;
  readonly filedBy: FiledBy;
  readonly channel: 'ONLINE' | 'WINDOW';
  readonly hall: string;
  /** Where the case is approved: the hall's org unit and the item's implementing agency. */
  readonly orgUnit: string;
  readonly agency: string;
  readonly bundleApplicationId: string | null;
  readonly materials: readonly MaterialRef[];
  readonly commitments: readonly Commitment[];
  /** Required materials given neither as a file, a licence nor a commitment, by code. */
  readonly missingMaterials: readonly string[];
  readonly form: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly createdAt: string;
  readonly preReview: PreReview | null;
  /** When the application was received (submitted): the 5-working-day notice clock starts here. */
  readonly submittedAt: string | null;
  /** The last day (China) to notify acceptance, refusal or supplements (Art. 32). */
  readonly noticeDueDate: string | null;
  /** When the applicant was first told: accepted, refused or asked for supplements. */
  readonly notifiedAt: string | null;
  readonly supplementRequest: SupplementRequest | null;
  readonly rejection: Rejection | null;
  readonly acceptanceKind: AcceptanceKind | null;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
  readonly acceptanceOpinion: string | null;
  /** Required materials the accepting clerk received on paper at the window. */
  readonly paperMaterials: readonly string[];
  readonly pending: PendingMaterials | null;
  readonly windowDecision: WindowDecision | null;
  readonly terminatedAt: string | null;
  readonly decision: Decision | null;
  readonly decidedAt: string | null;
  /** When the refusal that internal review (复核) overturned was decided: a late copy of it is no news. */
  readonly overturnedRefusalAt?: string | null;
  readonly licenceId: string | null;
  readonly closedAt: string | null;
  readonly outcome: CaseOutcome | null;
  readonly documents: readonly CaseDocument[];
}

type IntakeEventType = Extract<keyof EventDataMap, `onewindow.intake.${string}`>;

/** A fact the case announces, to be committed with the state that produced it. */
export type CaseEvent = { [T in IntakeEventType]: { readonly type: T; readonly data: EventDataMap[T] } }[IntakeEventType];

/** A transition's result; the very same `case` object back means nothing changed (a repeated fact). */
export interface Transition {
  readonly case: Case;
  readonly events: readonly CaseEvent[];
}

export const unchanged = (c: Case): Transition => ({ case: c, events: [] });

/** The case as the submitted, accepted, rejected and supplement-requested events name it, before their own facts. */
export const caseHeader = (c: Case) => ({
  caseId: c.id,
  caseNumber: c.caseNumber,
  itemCode: c.itemCode,
  itemName: c.itemName,
  applicantId: c.applicantId,
  applicantName: c.applicantName,
  hall: c.hall,
});

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export function requireStatus(c: Case, allowed: readonly CaseStatus[], action: string): void {
  if (!allowed.includes(c.status)) {
    throw precondition('CASE_WRONG_STATE', `case ${c.caseNumber} is ${c.status}; ${action} needs ${allowed.join(' or ')}`);
  }
}

/** The material codes a case has in hand: uploads, licences and commitments. */
export function givenCodes(c: Pick<Case, 'materials' | 'commitments'>): string[] {
  return [...c.materials.map((m) => m.code), ...c.commitments.map((m) => m.materialCode)];
}
