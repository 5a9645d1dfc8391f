import { z } from 'zod';
import { invalid } from '@onewindow/kernel/errors';
import { newId } from '@onewindow/kernel/ids';
import { currentTraceparent } from '@onewindow/kernel/trace-context';
import type { OutboxMessage } from '@onewindow/store/port';
import type { EventEnvelope } from './envelope.js';

/**
 * The event catalog: every topic, every event type it carries, and the
 * schema of each type's `data`. A breaking change is a new type (`…v2`),
 * never an edit of a published schema. Producers validate with `newEvent`,
 * consumers with `parseEventData` (done by `startConsumer`).
 */

export const TOPICS = {
  INTAKE_CASE: 'onewindow.intake.case.v1',
  APPROVAL_CASE: 'onewindow.approval.case.v1',
  CERTIFICATE_LICENCE: 'onewindow.certificate.licence.v1',
  FEES_BILL: 'onewindow.fees.bill.v1',
  IDENTITY_DELEGATION: 'onewindow.identity.delegation.v1',
  IDENTITY_CONTACT_VERIFICATION: 'onewindow.identity.contact-verification.v1',
  AUDIT: 'onewindow.audit.v1',
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const EVENT_TYPES = {
  CASE_SUBMITTED: 'onewindow.intake.case.submitted.v1',
  CASE_ACCEPTED: 'onewindow.intake.case.accepted.v1',
  CASE_CLOSED: 'onewindow.intake.case.closed.v1',
  CASE_DECIDED: 'onewindow.approval.case.decided.v1',
  TASK_CREATED: 'onewindow.approval.task.created.v1',
  LICENCE_ISSUED: 'onewindow.certificate.licence.issued.v1',
  BILL_ISSUED: 'onewindow.fees.bill.issued.v1',
  CASE_PRE_REVIEWED: 'onewindow.intake.case.pre-reviewed.v1',
  CASE_REJECTED: 'onewindow.intake.case.rejected.v1',
  CASE_SUPPLEMENT_REQUESTED: 'onewindow.intake.case.supplement-requested.v1',
  CASE_SUPPLEMENTED: 'onewindow.intake.case.supplemented.v1',
  CASE_TERMINATED: 'onewindow.intake.case.terminated.v1',
  DELEGATION_CREATED: 'onewindow.identity.delegation.created.v1',
  DELEGATION_REVOKED: 'onewindow.identity.delegation.revoked.v1',
  CONTACT_VERIFICATION_REQUESTED: 'onewindow.identity.contact-verification.requested.v1',
  AUDIT_ENTRY_RECORDED: 'onewindow.audit.entry.recorded.v1',
  TASK_CLAIMED: 'onewindow.approval.task.claimed.v1',
  TASK_COMPLETED: 'onewindow.approval.task.completed.v1',
  TASK_RETURNED: 'onewindow.approval.task.returned.v1',
  TASK_REASSIGNED: 'onewindow.approval.task.reassigned.v1',
  CASE_SUSPENDED: 'onewindow.approval.case.suspended.v1',
  CASE_RESUMED: 'onewindow.approval.case.resumed.v1',
  CASE_EXTENDED: 'onewindow.approval.case.extended.v1',
  CASE_WARNING_RAISED: 'onewindow.approval.case.warning-raised.v1',
  CASE_ESCALATED: 'onewindow.approval.case.escalated.v1',
  INTERNAL_REVIEW_REQUESTED: 'onewindow.approval.case.internal-review-requested.v1',
  INTERNAL_REVIEW_DECIDED: 'onewindow.approval.case.internal-review-decided.v1',
  GREEN_CHANNEL_MARKED: 'onewindow.approval.case.green-channel-marked.v1',
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

const id = z.string().min(1);
const text = z.string().min(1);
const instant = z.iso.datetime({ offset: true });
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');
const fen = z.int().nonnegative();
const days = z.number().nonnegative();
/** A calendar date in China, YYYY-MM-DD. */
const date = z.iso.date();

const caseSubmitted = z.object({
  caseId: id,
  caseNumber: text,
  itemCode: text,
  itemVersion: z.int().positive(),
  itemName: text,
  applicantId: id,
  applicantName: text,
  hall: id,
  submittedAt: instant,
  /** Optional, added with issue 5: ONLINE, or WINDOW when a clerk filed for a walk-in. */
  channel: z.enum(['ONLINE', 'WINDOW']).optional(),
  /** Who filed: the applicant, an agent for them (帮办代办) or a window clerk. */
  filedBy: z.object({ subject: id, role: z.enum(['APPLICANT', 'AGENT', 'CLERK']) }).optional(),
  /** Last day to accept, refuse or send the one-time notice (Art. 32), else the case counts as accepted. */
  noticeDueDate: date.optional(),
  missingMaterials: z.array(text).optional(),
  bundleApplicationId: id.optional(),
});

const caseAccepted = z.object({
  caseId: id,
  caseNumber: text,
  itemCode: text,
  itemVersion: z.int().positive(),
  itemName: text,
  applicantId: id,
  applicantName: text,
  hall: id,
  orgUnit: id,
  agency: text,
  acceptedAt: instant,
  acceptedBy: id,
  statutoryLimitDays: days,
  /** May be fractional: 0.5 is a published promise. */
  promisedLimitDays: days,
  fee: z.object({ amountFen: fen, currency, feeBasis: text }).nullable(),
  /** Null when the item produces no licence. */
  resultLicenceType: text.nullable(),
  caseKind: z.enum(['IMMEDIATE', 'PROMISED', 'JOINT', 'ESCALATED']),
  /**
   * Optional, added with issue 5. DEEMED: nobody answered within 5 working
   * days of receipt, so the case counts as accepted from the day of receipt
   * (`acceptedAt` is then the receipt time). WITH_PENDING: 容缺受理.
   */
  acceptanceKind: z.enum(['STANDARD', 'WITH_PENDING', 'DEEMED']).optional(),
  /** 容缺受理: materials still to come by `dueDate`; intake terminates the case if they do not. */
  pending: z.object({ materialCodes: z.array(text).min(1), dueDate: date }).optional(),
  /** 告知承诺制: proofs replaced by signed commitments, to be verified afterwards. */
  commitments: z.array(z.object({ materialCode: text, signedBy: text, signedAt: instant })).optional(),
  /**
   * 即办件: decided at the window together with the acceptance. Approval
   * should record this decision and close the case without opening a task.
   */
  decidedAtWindow: z
    .object({ decision: z.enum(['APPROVED', 'REJECTED']), opinion: text, legalBasis: z.array(text), decidedBy: id })
    .optional(),
});

const caseClosed = z.object({
  caseId: id,
  caseNumber: text,
  applicantId: id,
  licenceId: id.nullable(),
  closedAt: instant,
  outcome: z.enum(['APPROVED', 'REJECTED', 'WITHDRAWN', 'TERMINATED']),
});

const caseDecided = z.object({
  caseId: id,
  caseNumber: text,
  itemCode: text,
  itemName: text,
  applicantId: id,
  applicantName: text,
  decision: z.enum(['APPROVED', 'REJECTED']),
  opinion: z.string(),
  legalBasis: z.array(text),
  decidedAt: instant,
  decidedBy: id,
  resultLicenceType: text.nullable(),
  /**
   * Optional, added with the internal review (复核) of a refusal: this
   * decision replaces the refusal decided at `decidedAt`, which the review
   * overturned. Consumers that recorded that refusal take this decision in
   * its place; a late redelivery of the refusal changes nothing.
   */
  overturns: z.object({ decision: z.literal('REJECTED'), decidedAt: instant }).optional(),
});

const taskCreated = z.object({
  taskId: id,
  caseId: id,
  caseNumber: text,
  role: text,
  orgUnit: id,
  createdAt: instant,
});

const licenceIssued = z.object({
  licenceId: id,
  caseId: id,
  caseNumber: text,
  licenceType: text,
  holderId: id,
  holderName: text,
  issuedAt: instant,
});

const billIssued = z.object({
  billId: id,
  caseId: id,
  caseNumber: text,
  applicantId: id,
  amountFen: fen,
  currency,
  paymentCode: text,
  issuedAt: instant,
});

/** AB角: a principal approver named a substitute for [from, until). */
const delegationCreated = z.object({
  delegationId: id,
  principalId: id,
  principalUsername: text,
  substituteId: id,
  substituteUsername: text,
  orgUnit: id,
  agency: text,
  role: text,
  from: instant,
  until: instant,
  createdAt: instant,
});

const delegationRevoked = z.object({
  delegationId: id,
  principalId: id,
  substituteId: id,
  revokedAt: instant,
});

/**
 * A one-time code for an applicant's mobile or email: the delivery
 * instruction to notifications, as a request to an SMS gateway would be.
 * The only place the code exists in clear (identity keeps a keyed hash);
 * never copy it into a log, an audit entry or another event.
 */
const contactVerificationRequested = z.object({
  challengeId: id,
  applicantId: id,
  kind: z.enum(['mobile', 'email']),
  /** The number or address the code goes to. */
  destination: text,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
  requestedAt: instant,
  expiresAt: instant,
});

/** One entry of a service's hash-chained audit trail (who, what, when, window, trace, outcome, reason). */
const auditEntryRecorded = z.object({
  id,
  seq: z.int().positive(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: instant,
  service: text,
  actor: z.object({
    subject: z.string(),
    username: z.string(),
    roles: z.array(z.string()),
    orgUnit: z.string(),
    agency: z.string(),
    hall: z.string(),
    clientId: z.string(),
  }),
  action: text,
  resource: z.string(),
  window: z.string(),
  traceId: z.string(),
  outcome: z.enum(['ALLOWED', 'DENIED']),
  reason: z.string(),
  onBehalfOf: z.string(),
});

const deficiency = z.object({ materialCode: text, problem: z.enum(['MISSING', 'DEFICIENT']), note: z.string() });

/** 预审: a clerk looked at a draft before the applicant travels. RETURNED lists every problem. */
const casePreReviewed = z.object({
  caseId: id,
  caseNumber: text,
  itemCode: text,
  itemName: text,
  applicantId: id,
  hall: id,
  result: z.enum(['PASSED', 'RETURNED']),
  opinion: z.string(),
  deficiencies: z.array(deficiency),
  reviewedBy: id,
  reviewedAt: instant,
});

/** 不予受理: refused to accept, with the reason and legal basis; the notice is a case document. */
const caseRejected = z.object({
  caseId: id,
  caseNumber: text,
  itemCode: text,
  itemName: text,
  applicantId: id,
  applicantName: text,
  hall: id,
  reason: text,
  legalBasis: z.array(text).min(1),
  rejectedBy: id,
  rejectedAt: instant,
  documentId: id,
});

/** 一次性告知: every missing or deficient material at once; the notice is a case document. */
const caseSupplementRequested = z.object({
  caseId: id,
  caseNumber: text,
  itemCode: text,
  itemName: text,
  applicantId: id,
  applicantName: text,
  hall: id,
  deficiencies: z.array(deficiency.extend({ materialName: text })).min(1),
  requestedBy: id,
  requestedAt: instant,
  documentId: id,
});

/** The awaited materials are in: after a one-time notice, or the pending ones of 容缺受理. */
const caseSupplemented = z.object({
  caseId: id,
  caseNumber: text,
  applicantId: id,
  hall: id,
  stage: z.enum(['SUPPLEMENT_REQUEST', 'PENDING']),
  materialCodes: z.array(text),
  supplementedAt: instant,
});

/** The case ended without a decision: pending materials not supplied by their due date. */
const caseTerminated = z.object({
  caseId: id,
  caseNumber: text,
  applicantId: id,
  hall: id,
  reason: z.enum(['PENDING_MATERIALS_OVERDUE']),
  materialCodes: z.array(text),
  dueDate: date,
  terminatedAt: instant,
});

/** Who acted in approval: a stand-in (AB角) names whom they stood in for. */
const approvalActor = z.object({ subject: id, username: text, onBehalfOf: z.object({ subject: id, username: text }).nullable() });
const approvalStep = { taskId: id, caseId: id, caseNumber: text, step: text };

const taskClaimed = z.object({ ...approvalStep, role: text, orgUnit: id, agency: text, claimedBy: approvalActor, claimedAt: instant });

/** A task decided; `deemed`: completed by electronic supervision on breach (逾期视为同意), not by a person. */
const taskCompleted = z.object({
  ...approvalStep,
  outcome: z.enum(['APPROVE', 'REJECT']),
  opinion: z.string(),
  legalBasis: z.array(text),
  completedBy: approvalActor,
  deemed: z.boolean(),
  completedAt: instant,
});

const taskReturned = z.object({ ...approvalStep, toStep: text, reason: text, returnedBy: approvalActor, returnedAt: instant });

const taskReassigned = z.object({
  ...approvalStep,
  fromAssignee: z.string().nullable(),
  fromRole: text,
  toAssignee: z.string().nullable(),
  toRole: text,
  reason: text,
  /** By electronic supervision's escalation rather than by a chief. */
  automatic: z.boolean(),
  reassignedBy: approvalActor,
  reassignedAt: instant,
});

const approvalCaseRef = { caseId: id, caseNumber: text, itemName: text, applicantId: id };
const suspensionKind = z.enum(['HEARING', 'TENDERING', 'AUCTION', 'SITE_INSPECTION', 'TESTING', 'QUARANTINE', 'APPRAISAL', 'EXPERT_REVIEW', 'SUPPLEMENT']);

/** The clock stops (special procedure or supplement request); the applicant is told in writing. */
const caseSuspended = z.object({
  ...approvalCaseRef,
  kind: suspensionKind,
  reason: text,
  expectedDays: z.int().positive().nullable(),
  suspendedBy: approvalActor,
  suspendedAt: instant,
  remainingPromisedDays: z.int(),
  remainingStatutoryDays: z.int(),
});

/** The clock runs again with exactly the working days that remained. */
const caseResumed = z.object({
  ...approvalCaseRef,
  kind: suspensionKind,
  resumedBy: approvalActor,
  resumedAt: instant,
  workingDaysSuspended: z.int().nonnegative(),
  promisedDeadline: date,
  statutoryDeadline: date,
});

const caseExtended = z.object({
  ...approvalCaseRef,
  days: z.int().positive(),
  reason: text,
  approvedBy: approvalActor,
  extendedAt: instant,
  promisedDeadline: date,
  statutoryDeadline: date,
});

/** 电子监察: EARLY (share of the promised limit used), YELLOW (promised limit passed), RED (statutory limit passed), STEP_OVERDUE. */
const caseWarningRaised = z.object({
  ...approvalCaseRef,
  level: z.enum(['EARLY', 'YELLOW', 'RED', 'STEP_OVERDUE']),
  taskId: id.nullable(),
  deadline: date,
  remainingWorkingDays: z.int(),
  /** Who handles the case: assignees' subjects, or a role's pool as `role:<role>@<orgUnit>/<agency>`. */
  handlers: z.array(text),
  orgUnit: id,
  agency: text,
  raisedAt: instant,
});

const caseEscalated = z.object({
  ...approvalCaseRef,
  trigger: z.enum(['STEP_OVERDUE', 'YELLOW', 'RED']),
  action: z.enum(['REASSIGN_TO_CHIEF', 'MOVE_ON']),
  taskIds: z.array(id),
  detail: z.string(),
  orgUnit: id,
  agency: text,
  escalatedAt: instant,
});

/** 复核: the applicant asks for a review of a refusal, by another approver. */
const internalReviewRequested = z.object({ ...approvalCaseRef, reason: text, taskId: id, requestedAt: instant });

const internalReviewDecided = z.object({
  ...approvalCaseRef,
  result: z.enum(['UPHELD', 'OVERTURNED']),
  opinion: text,
  legalBasis: z.array(text),
  decidedBy: approvalActor,
  decidedAt: instant,
});

/** 绿色通道: expedited handling, visible to everyone. */
const greenChannelMarked = z.object({ caseId: id, caseNumber: text, reason: text, markedBy: approvalActor, markedAt: instant });

interface Entry<S extends z.ZodType> {
  readonly topic: Topic;
  readonly schema: S;
}

export const CATALOG = {
  [EVENT_TYPES.CASE_SUBMITTED]: { topic: TOPICS.INTAKE_CASE, schema: caseSubmitted },
  [EVENT_TYPES.CASE_ACCEPTED]: { topic: TOPICS.INTAKE_CASE, schema: caseAccepted },
  [EVENT_TYPES.CASE_CLOSED]: { topic: TOPICS.INTAKE_CASE, schema: caseClosed },
  [EVENT_TYPES.CASE_DECIDED]: { topic: TOPICS.APPROVAL_CASE, schema: caseDecided },
  [EVENT_TYPES.TASK_CREATED]: { topic: TOPICS.APPROVAL_CASE, schema: taskCreated },
  [EVENT_TYPES.LICENCE_ISSUED]: { topic: TOPICS.CERTIFICATE_LICENCE, schema: licenceIssued },
  [EVENT_TYPES.BILL_ISSUED]: { topic: TOPICS.FEES_BILL, schema: billIssued },
  [EVENT_TYPES.CASE_PRE_REVIEWED]: { topic: TOPICS.INTAKE_CASE, schema: casePreReviewed },
  [EVENT_TYPES.CASE_REJECTED]: { topic: TOPICS.INTAKE_CASE, schema: caseRejected },
  [EVENT_TYPES.CASE_SUPPLEMENT_REQUESTED]: { topic: TOPICS.INTAKE_CASE, schema: caseSupplementRequested },
  [EVENT_TYPES.CASE_SUPPLEMENTED]: { topic: TOPICS.INTAKE_CASE, schema: caseSupplemented },
  [EVENT_TYPES.CASE_TERMINATED]: { topic: TOPICS.INTAKE_CASE, schema: caseTerminated },
  [EVENT_TYPES.DELEGATION_CREATED]: { topic: TOPICS.IDENTITY_DELEGATION, schema: delegationCreated },
  [EVENT_TYPES.DELEGATION_REVOKED]: { topic: TOPICS.IDENTITY_DELEGATION, schema: delegationRevoked },
  [EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED]: { topic: TOPICS.IDENTITY_CONTACT_VERIFICATION, schema: contactVerificationRequested },
  [EVENT_TYPES.AUDIT_ENTRY_RECORDED]: { topic: TOPICS.AUDIT, schema: auditEntryRecorded },
  [EVENT_TYPES.TASK_CLAIMED]: { topic: TOPICS.APPROVAL_CASE, schema: taskClaimed },
  [EVENT_TYPES.TASK_COMPLETED]: { topic: TOPICS.APPROVAL_CASE, schema: taskCompleted },
  [EVENT_TYPES.TASK_RETURNED]: { topic: TOPICS.APPROVAL_CASE, schema: taskReturned },
  [EVENT_TYPES.TASK_REASSIGNED]: { topic: TOPICS.APPROVAL_CASE, schema: taskReassigned },
  [EVENT_TYPES.CASE_SUSPENDED]: { topic: TOPICS.APPROVAL_CASE, schema: caseSuspended },
  [EVENT_TYPES.CASE_RESUMED]: { topic: TOPICS.APPROVAL_CASE, schema: caseResumed },
  [EVENT_TYPES.CASE_EXTENDED]: { topic: TOPICS.APPROVAL_CASE, schema: caseExtended },
  [EVENT_TYPES.CASE_WARNING_RAISED]: { topic: TOPICS.APPROVAL_CASE, schema: caseWarningRaised },
  [EVENT_TYPES.CASE_ESCALATED]: { topic: TOPICS.APPROVAL_CASE, schema: caseEscalated },
  [EVENT_TYPES.INTERNAL_REVIEW_REQUESTED]: { topic: TOPICS.APPROVAL_CASE, schema: internalReviewRequested },
  [EVENT_TYPES.INTERNAL_REVIEW_DECIDED]: { topic: TOPICS.APPROVAL_CASE, schema: internalReviewDecided },
  [EVENT_TYPES.GREEN_CHANNEL_MARKED]: { topic: TOPICS.APPROVAL_CASE, schema: greenChannelMarked },
} as const satisfies Record<EventType, Entry<z.ZodType>>;

/** `data` of each event type, for handlers that narrow on `event.type`. */
export type EventDataMap = { [T in EventType]: z.infer<(typeof CATALOG)[T]['schema']> };
export type CaseSubmittedData = EventDataMap[typeof EVENT_TYPES.CASE_SUBMITTED];
export type CaseAcceptedData = EventDataMap[typeof EVENT_TYPES.CASE_ACCEPTED];
export type CaseClosedData = EventDataMap[typeof EVENT_TYPES.CASE_CLOSED];
export type CaseDecidedData = EventDataMap[typeof EVENT_TYPES.CASE_DECIDED];
export type TaskCreatedData = EventDataMap[typeof EVENT_TYPES.TASK_CREATED];
export type LicenceIssuedData = EventDataMap[typeof EVENT_TYPES.LICENCE_ISSUED];
export type BillIssuedData = EventDataMap[typeof EVENT_TYPES.BILL_ISSUED];
export type CasePreReviewedData = EventDataMap[typeof EVENT_TYPES.CASE_PRE_REVIEWED];
export type CaseRejectedData = EventDataMap[typeof EVENT_TYPES.CASE_REJECTED];
export type CaseSupplementRequestedData = EventDataMap[typeof EVENT_TYPES.CASE_SUPPLEMENT_REQUESTED];
export type CaseSupplementedData = EventDataMap[typeof EVENT_TYPES.CASE_SUPPLEMENTED];
export type CaseTerminatedData = EventDataMap[typeof EVENT_TYPES.CASE_TERMINATED];
export type DelegationCreatedData = EventDataMap[typeof EVENT_TYPES.DELEGATION_CREATED];
export type DelegationRevokedData = EventDataMap[typeof EVENT_TYPES.DELEGATION_REVOKED];
export type ContactVerificationRequestedData = EventDataMap[typeof EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED];
export type AuditEntryRecordedData = EventDataMap[typeof EVENT_TYPES.AUDIT_ENTRY_RECORDED];
export type TaskClaimedData = EventDataMap[typeof EVENT_TYPES.TASK_CLAIMED];
export type TaskCompletedData = EventDataMap[typeof EVENT_TYPES.TASK_COMPLETED];
export type TaskReturnedData = EventDataMap[typeof EVENT_TYPES.TASK_RETURNED];
export type TaskReassignedData = EventDataMap[typeof EVENT_TYPES.TASK_REASSIGNED];
export type CaseSuspendedData = EventDataMap[typeof EVENT_TYPES.CASE_SUSPENDED];
export type CaseResumedData = EventDataMap[typeof EVENT_TYPES.CASE_RESUMED];
export type CaseExtendedData = EventDataMap[typeof EVENT_TYPES.CASE_EXTENDED];
export type CaseWarningRaisedData = EventDataMap[typeof EVENT_TYPES.CASE_WARNING_RAISED];
export type CaseEscalatedData = EventDataMap[typeof EVENT_TYPES.CASE_ESCALATED];
export type InternalReviewRequestedData = EventDataMap[typeof EVENT_TYPES.INTERNAL_REVIEW_REQUESTED];
export type InternalReviewDecidedData = EventDataMap[typeof EVENT_TYPES.INTERNAL_REVIEW_DECIDED];
export type GreenChannelMarkedData = EventDataMap[typeof EVENT_TYPES.GREEN_CHANNEL_MARKED];

/** An envelope whose `type` is `T` and whose `data` has that type's shape. */
export type TypedEvent<T extends EventType> = EventEnvelope<EventDataMap[T]> & { readonly type: T };
/** Every catalogued event: `switch (event.type)` narrows `data`. */
export type CatalogEvent = { [T in EventType]: TypedEvent<T> }[EventType];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(CATALOG, type);
}

/**
 * Narrows an envelope by type. `startConsumer` has already validated `data`
 * of every catalogued type, so inside a handler this check is enough.
 */
export function isEvent<T extends EventType>(event: EventEnvelope, type: T): event is TypedEvent<T> {
  return event.type === type;
}

export function topicOf(type: string): Topic {
  if (!isEventType(type)) throw invalid('EVENT_UNKNOWN_TYPE', `event type ${type} is not in the catalog`);
  return CATALOG[type].topic;
}

/** Validates `data` against the schema of `type`; throws `invalid('EVENT_INVALID')` naming every bad field. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventDataMap[T] {
  const entry: Entry<z.ZodType> | undefined = isEventType(type) ? CATALOG[type] : undefined;
  if (!entry) throw invalid('EVENT_UNKNOWN_TYPE', `event type ${type} is not in the catalog`);
  const result = entry.schema.safeParse(data);
  if (!result.success) {
    throw invalid(
      'EVENT_INVALID',
      `invalid data for ${type}`,
      result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data as EventDataMap[T];
}

export interface NewEvent<T extends EventType> {
  readonly type: T;
  /** The producing service, e.g. `onewindow/intake`. */
  readonly source: string;
  /** The aggregate id (usually the case id); also the partition key. */
  readonly subject: string;
  readonly data: EventDataMap[T];
  readonly id?: string;
  /** From the caller's injected clock. */
  readonly time: Date;
}

/** Builds a validated envelope, carrying the active trace so the consumer's span joins it. */
export function newEvent<T extends EventType>(input: NewEvent<T>): TypedEvent<T> {
  const data = parseEventData(input.type, input.data);
  const traceparent = currentTraceparent();
  return {
    specversion: '1.0',
    id: input.id ?? newId(input.time.getTime()),
    source: input.source,
    type: input.type,
    subject: input.subject,
    time: input.time.toISOString(),
    datacontenttype: 'application/json',
    ...(traceparent ? { traceparent } : {}),
    data,
  };
}

/** The outbox row for an envelope: committed with the state change, relayed later. */
export function toOutboxMessage(envelope: EventEnvelope): OutboxMessage {
  return {
    id: envelope.id,
    topic: topicOf(envelope.type),
    key: envelope.subject,
    payload: JSON.stringify(envelope),
  };
}
