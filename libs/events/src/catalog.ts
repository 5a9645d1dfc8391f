import { z } from 'zod';
import { currentTraceparent, invalid, newId } from '@onewindow/kernel';
import type { OutboxMessage } from '@onewindow/store';
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
} as const;
export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

const id = z.string().min(1);
const text = z.string().min(1);
const instant = z.iso.datetime({ offset: true });
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY');
const fen = z.int().nonnegative();
const days = z.number().nonnegative();

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
