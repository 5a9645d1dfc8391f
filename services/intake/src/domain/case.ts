import { invalid, precondition, type ErrorDetail } from '@onewindow/kernel';
import type { EventDataMap } from '@onewindow/events';
import { feeForCase, missingMaterials, type ServiceItem } from './service-item.js';
import { orgUnitOfHall } from './hall.js';

/**
 * The case (办件) from submission to closing, as intake sees it:
 *
 *   SUBMITTED            → ACCEPTED                    accept (a clerk of the case's hall)
 *   ACCEPTED             → APPROVED                    decided APPROVED: waits for the licence
 *   ACCEPTED             → CLOSED, outcome APPROVED    decided APPROVED for an item that produces no licence
 *   ACCEPTED             → CLOSED, outcome REJECTED    decided REJECTED
 *   ACCEPTED | APPROVED  → CLOSED, outcome APPROVED    licence issued (with its licence id)
 *
 * Approval and certificate tell intake what happened over two topics, so
 * their facts may arrive in either order and more than once: repeating a
 * fact the case already reflects changes nothing, a fact that contradicts
 * it is refused.
 */
export const CASE_STATUSES = ['SUBMITTED', 'ACCEPTED', 'APPROVED', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type Decision = 'APPROVED' | 'REJECTED';
export type CaseOutcome = EventDataMap['onewindow.intake.case.closed.v1']['outcome'];

export interface MaterialRef {
  /** The catalog material code, e.g. `M01`. */
  readonly code: string;
  readonly fileId: string | null;
  /** A licence from the holder's library used instead of a file (免证办). */
  readonly licenceId: string | null;
}

export interface Case {
  readonly id: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  /** The catalog version the case was submitted under; later publications do not change it. */
  readonly itemVersion: number;
  readonly itemName: string;
  readonly status: CaseStatus;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly hall: string;
  /** Where the case is approved: the hall's org unit and the item's implementing agency. */
  readonly orgUnit: string;
  readonly agency: string;
  readonly materials: readonly MaterialRef[];
  /** Required materials not given at submission, by code (the one-time notice lists them). */
  readonly missingMaterials: readonly string[];
  readonly form: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly submittedAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
  readonly acceptanceOpinion: string | null;
  readonly decision: Decision | null;
  readonly decidedAt: string | null;
  readonly licenceId: string | null;
  readonly closedAt: string | null;
  readonly outcome: CaseOutcome | null;
}

type IntakeEventType =
  | 'onewindow.intake.case.submitted.v1'
  | 'onewindow.intake.case.accepted.v1'
  | 'onewindow.intake.case.closed.v1';

/** A fact the case announces, to be committed with the state that produced it. */
export type CaseEvent = { [T in IntakeEventType]: { readonly type: T; readonly data: EventDataMap[T] } }[IntakeEventType];

/** A transition's result; the very same `case` object back means nothing changed (a repeated fact). */
export interface Transition {
  readonly case: Case;
  readonly events: readonly CaseEvent[];
}

const unchanged = (c: Case): Transition => ({ case: c, events: [] });

const MAX_MATERIALS = 100;
const MAX_FORM_FIELDS = 50;
const MAX_FORM_KEY = 64;
const MAX_FORM_VALUE = 2000;
const MAX_REF = 200;

export interface SubmitCaseInput {
  readonly id: string;
  readonly caseNumber: string;
  readonly item: ServiceItem;
  readonly applicant: { readonly id: string; readonly name: string };
  readonly hall: string;
  readonly materials: readonly MaterialRef[];
  readonly form: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly now: Date;
}

/** Checks a submission before it costs a case number; `submitCase` checks it again. */
export function validateSubmission(input: Omit<SubmitCaseInput, 'id' | 'caseNumber' | 'now'>): void {
  const problems: ErrorDetail[] = [];
  const known = new Set(input.item.requiredMaterials.map((m) => m.code));
  const seen = new Set<string>();
  if (input.materials.length > MAX_MATERIALS) problems.push({ field: 'materials', message: `at most ${MAX_MATERIALS}` });
  input.materials.forEach((m, i) => {
    const field = `materials.${i}`;
    if (!known.has(m.code)) problems.push({ field: `${field}.code`, message: `${m.code} is not a material of ${input.item.code}` });
    if (seen.has(m.code)) problems.push({ field: `${field}.code`, message: `${m.code} is given twice` });
    seen.add(m.code);
    if (!m.fileId && !m.licenceId) problems.push({ field, message: 'needs a fileId or a licenceId' });
    if ((m.fileId?.length ?? 0) > MAX_REF || (m.licenceId?.length ?? 0) > MAX_REF) {
      problems.push({ field, message: `ids are at most ${MAX_REF} characters` });
    }
  });
  const entries = Object.entries(input.form);
  if (entries.length > MAX_FORM_FIELDS) problems.push({ field: 'form', message: `at most ${MAX_FORM_FIELDS} fields` });
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_FORM_KEY) problems.push({ field: 'form', message: `field names are 1 to ${MAX_FORM_KEY} characters` });
    if (value.length > MAX_FORM_VALUE) problems.push({ field: `form.${key}`, message: `at most ${MAX_FORM_VALUE} characters` });
  }
  if (!input.applicant.name.trim()) problems.push({ field: 'applicantName', message: 'the caller has no name' });
  if (problems.length) throw invalid('CASE_INVALID', 'invalid case submission', problems);
  orgUnitOfHall(input.hall);
  // A form that picks no known fee rule is refused now rather than at acceptance.
  feeForCase(input.item, input.form);
}

/** 申报: a new case, with what was given recorded and what is missing listed; missing materials do not block submission. */
export function submitCase(input: SubmitCaseInput): Transition {
  validateSubmission(input);
  const { item, now } = input;
  const submitted: Case = {
    id: input.id,
    caseNumber: input.caseNumber,
    itemCode: item.code,
    itemVersion: item.version,
    itemName: item.name,
    status: 'SUBMITTED',
    applicantId: input.applicant.id,
    applicantName: input.applicant.name,
    hall: input.hall,
    orgUnit: orgUnitOfHall(input.hall),
    agency: item.implementingAgency,
    materials: input.materials,
    missingMaterials: missingMaterials(item, input.materials.map((m) => m.code)),
    form: input.form,
    idempotencyKey: input.idempotencyKey,
    submittedAt: now.toISOString(),
    acceptedAt: null,
    acceptedBy: null,
    acceptanceOpinion: null,
    decision: null,
    decidedAt: null,
    licenceId: null,
    closedAt: null,
    outcome: null,
  };
  return {
    case: submitted,
    events: [
      {
        type: 'onewindow.intake.case.submitted.v1',
        data: {
          caseId: submitted.id,
          caseNumber: submitted.caseNumber,
          itemCode: submitted.itemCode,
          itemVersion: submitted.itemVersion,
          itemName: submitted.itemName,
          applicantId: submitted.applicantId,
          applicantName: submitted.applicantName,
          hall: submitted.hall,
          submittedAt: submitted.submittedAt,
        },
      },
    ],
  };
}

export interface AcceptCaseInput {
  /** The catalog version the case was submitted under: its limits and fee apply. */
  readonly item: ServiceItem;
  /** The accepting clerk (a token `sub`). */
  readonly by: string;
  readonly opinion: string;
  readonly now: Date;
}

/** 受理: formal acceptance by a clerk; announces the limits, fee and expected licence to approval and fees. */
export function acceptCase(c: Case, input: AcceptCaseInput): Transition {
  if (c.status !== 'SUBMITTED') {
    throw precondition('CASE_WRONG_STATE', `case ${c.caseNumber} is ${c.status}; only a SUBMITTED case can be accepted`);
  }
  const { item } = input;
  if (item.code !== c.itemCode || item.version !== c.itemVersion) {
    throw invalid('ITEM_VERSION_MISMATCH', `case ${c.caseNumber} was submitted under ${c.itemCode} v${c.itemVersion}`);
  }
  const accepted: Case = {
    ...c,
    status: 'ACCEPTED',
    acceptedAt: input.now.toISOString(),
    acceptedBy: input.by,
    acceptanceOpinion: input.opinion.trim() || null,
  };
  return {
    case: accepted,
    events: [
      {
        type: 'onewindow.intake.case.accepted.v1',
        data: {
          caseId: c.id,
          caseNumber: c.caseNumber,
          itemCode: c.itemCode,
          itemVersion: c.itemVersion,
          itemName: c.itemName,
          applicantId: c.applicantId,
          applicantName: c.applicantName,
          hall: c.hall,
          orgUnit: c.orgUnit,
          agency: c.agency,
          acceptedAt: input.now.toISOString(),
          acceptedBy: input.by,
          statutoryLimitDays: item.statutoryLimitDays,
          promisedLimitDays: item.promisedLimitDays,
          fee: feeForCase(item, c.form),
          resultLicenceType: item.resultLicenceType,
          caseKind: item.caseKind,
        },
      },
    ],
  };
}

function closed(c: Case, outcome: CaseOutcome, closedAt: string): CaseEvent {
  return {
    type: 'onewindow.intake.case.closed.v1',
    data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, licenceId: c.licenceId, closedAt, outcome },
  };
}

export interface DecisionFact {
  readonly decision: Decision;
  readonly decidedAt: string;
  /** The licence the approval leads to; null when the item produces none. */
  readonly resultLicenceType: string | null;
}

/**
 * Approval's decision. An approval waits for its licence, or closes the case
 * when the item produces none; a rejection closes the case at once.
 */
export function recordDecision(c: Case, fact: DecisionFact): Transition {
  const { decision, decidedAt } = fact;
  if (c.status === 'SUBMITTED') {
    throw precondition('CASE_WRONG_STATE', `case ${c.caseNumber} was decided before it was accepted`);
  }
  if (c.decision !== null && c.decision !== decision) {
    throw precondition('CASE_DECISION_CONFLICT', `case ${c.caseNumber} was already ${c.decision}, not ${decision}`);
  }
  if (c.decision === decision) {
    // Repeated, or the approval behind a licence that arrived first: only its time is news.
    return c.decidedAt === null ? { case: { ...c, decidedAt }, events: [] } : unchanged(c);
  }
  if (c.status === 'CLOSED') {
    throw precondition('CASE_ALREADY_CLOSED', `case ${c.caseNumber} is closed (${c.outcome ?? ''})`);
  }
  if (decision === 'APPROVED' && fact.resultLicenceType !== null) {
    return { case: { ...c, status: 'APPROVED', decision, decidedAt }, events: [] };
  }
  const outcome = decision === 'APPROVED' ? 'APPROVED' : 'REJECTED';
  const done: Case = { ...c, status: 'CLOSED', decision, decidedAt, closedAt: decidedAt, outcome };
  return { case: done, events: [closed(done, outcome, decidedAt)] };
}

/**
 * The licence is out: the case is done (统一出件). Certificate issues only on
 * approval, so a licence that overtakes the decision closes the case all the
 * same and implies the approval (its time comes with the decision).
 */
export function recordLicenceIssued(c: Case, licenceId: string, issuedAt: string): Transition {
  if (c.status === 'SUBMITTED') {
    throw precondition('CASE_WRONG_STATE', `case ${c.caseNumber} got a licence before it was accepted`);
  }
  if (c.status === 'CLOSED') {
    if (c.licenceId === licenceId) return unchanged(c);
    throw precondition('CASE_ALREADY_CLOSED', `case ${c.caseNumber} is closed (${c.outcome ?? ''}); licence ${licenceId} does not fit`);
  }
  const done: Case = { ...c, status: 'CLOSED', decision: 'APPROVED', licenceId, closedAt: issuedAt, outcome: 'APPROVED' };
  return { case: done, events: [closed(done, 'APPROVED', issuedAt)] };
}

export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}
