import { invalid, precondition, type ErrorDetail } from '@onewindow/kernel/errors';
import {
  caseHeader,
  requireStatus,
  type Case,
  type CaseDocument,
  type CaseEvent,
  type Decision,
  type Deficiency,
  type DocumentKind,
  type Transition,
} from './case.js';
import { hasRunOut } from './deadlines.js';
import { checkDeficiencies, MAX_TEXT, requireAllMissingListed } from './submission.js';
import { feeForCase, materialOf, type ServiceItem } from './service-item.js';

/** Who acts when the law acts by itself (deemed acceptance, a missed deadline). */
export const SYSTEM_ACTOR = 'system:intake';
/** Longest deadline a clerk may give for pending materials. */
export const MAX_PENDING_WORKING_DAYS = 30;
const MAX_LEGAL_BASIS = 20;

export interface PendingInput {
  readonly materialCodes: readonly string[];
  readonly commitment: { readonly text: string; readonly signedBy: string; readonly fileId: string | null };
  readonly deadlineWorkingDays: number;
  /** The due date the calendar gives for `deadlineWorkingDays` after today. */
  readonly dueDate: string;
}

export interface WindowDecisionInput {
  readonly decision: Decision;
  readonly opinion: string;
  readonly legalBasis: readonly string[];
}

export interface AcceptCaseInput {
  /** The catalog version the case was created under: its limits and fee apply. */
  readonly item: ServiceItem;
  /** The accepting clerk (a token `sub`). */
  readonly by: string;
  readonly opinion: string;
  readonly now: Date;
  /** Id of the acceptance receipt (受理回执) this acceptance issues. */
  readonly documentId: string;
  /** 容缺受理: materials accepted as pending, under a commitment and a deadline. */
  readonly pending: PendingInput | null;
  /** Whether the applicant has a bad credit record: consulted only for pending acceptance. */
  readonly creditFlagged: boolean;
  /** 即办件: the decision taken at the window at once. */
  readonly windowDecision: WindowDecisionInput | null;
}

const document = (id: string, kind: DocumentKind, now: Date): CaseDocument => ({ id, kind, issuedAt: now.toISOString(), sha256: null, size: 0 });

/** The rendered PDF of a document the transition issued. */
export function attachDocumentFile(c: Case, documentId: string, file: { readonly sha256: string; readonly size: number }): Case {
  if (!c.documents.some((d) => d.id === documentId)) throw invalid('DOCUMENT_UNKNOWN', `case ${c.caseNumber} has no document ${documentId}`);
  return { ...c, documents: c.documents.map((d) => (d.id === documentId ? { ...d, sha256: file.sha256, size: file.size } : d)) };
}

function checkItemVersion(c: Case, item: ServiceItem): void {
  if (item.code !== c.itemCode || item.version !== c.itemVersion) {
    throw invalid('ITEM_VERSION_MISMATCH', `case ${c.caseNumber} was submitted under ${c.itemCode} v${c.itemVersion}`);
  }
}

function checkPending(c: Case, item: ServiceItem, pending: PendingInput, creditFlagged: boolean): void {
  if (creditFlagged) {
    throw precondition('CREDIT_FLAGGED', `accepting with pending materials is not offered to ${c.applicantName}: a bad credit record is on file`);
  }
  const problems: ErrorDetail[] = [];
  const codes = pending.materialCodes;
  if (!codes.length) problems.push({ field: 'pending.materialCodes', message: 'name at least one material' });
  if (new Set(codes).size !== codes.length) problems.push({ field: 'pending.materialCodes', message: 'a material is named twice' });
  for (const code of codes) {
    if (!materialOf(item, code)?.required) problems.push({ field: 'pending.materialCodes', message: `${code} is not a required material of ${item.code}` });
    else if (!c.missingMaterials.includes(code)) problems.push({ field: 'pending.materialCodes', message: `${code} is already given` });
  }
  const required = item.requiredMaterials.filter((m) => m.required).length;
  if (codes.length >= required) problems.push({ field: 'pending.materialCodes', message: 'the main materials must be present; not every material can be pending' });
  if (!pending.commitment.text.trim() || pending.commitment.text.length > MAX_TEXT) problems.push({ field: 'pending.commitment.text', message: `1 to ${MAX_TEXT} characters` });
  if (!pending.commitment.signedBy.trim()) problems.push({ field: 'pending.commitment.signedBy', message: 'who signed the commitment' });
  const days = pending.deadlineWorkingDays;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PENDING_WORKING_DAYS) {
    problems.push({ field: 'pending.deadlineWorkingDays', message: `1 to ${MAX_PENDING_WORKING_DAYS} working days` });
  }
  if (problems.length) throw invalid('PENDING_INVALID', 'the pending materials are not valid', problems);
}

function checkWindowDecision(c: Case, item: ServiceItem, decision: WindowDecisionInput, pending: PendingInput | null): void {
  if (item.caseKind !== 'IMMEDIATE') {
    throw precondition('NOT_AN_IMMEDIATE_ITEM', `${item.code} is a ${item.caseKind} item; only immediate items (即办件) are decided at the window`);
  }
  const problems: ErrorDetail[] = [];
  if (pending) problems.push({ field: 'decision', message: 'a case with pending materials is not decided at the window' });
  if (!decision.opinion.trim() || decision.opinion.length > MAX_TEXT) problems.push({ field: 'decision.opinion', message: `1 to ${MAX_TEXT} characters` });
  if (decision.legalBasis.length > MAX_LEGAL_BASIS || decision.legalBasis.some((b) => !b.trim())) {
    problems.push({ field: 'decision.legalBasis', message: `up to ${MAX_LEGAL_BASIS} non-empty entries` });
  }
  if (problems.length) throw invalid('WINDOW_DECISION_INVALID', `case ${c.caseNumber} cannot be decided at the window like this`, problems);
}

function acceptedEvent(c: Case, item: ServiceItem): CaseEvent {
  return {
    type: 'onewindow.intake.case.accepted.v1',
    data: {
      ...caseHeader(c),
      itemVersion: c.itemVersion,
      orgUnit: c.orgUnit,
      agency: c.agency,
      acceptedAt: c.acceptedAt ?? '',
      acceptedBy: c.acceptedBy ?? SYSTEM_ACTOR,
      statutoryLimitDays: item.statutoryLimitDays,
      promisedLimitDays: item.promisedLimitDays,
      fee: feeForCase(item, c.form),
      resultLicenceType: item.resultLicenceType,
      caseKind: item.caseKind,
      acceptanceKind: c.acceptanceKind ?? 'STANDARD',
      ...(c.pending ? { pending: { materialCodes: [...c.pending.materialCodes], dueDate: c.pending.dueDate } } : {}),
      ...(c.commitments.length ? { commitments: c.commitments.map((m) => ({ materialCode: m.materialCode, signedBy: m.signedBy, signedAt: m.signedAt })) } : {}),
      ...(c.windowDecision ? { decidedAtWindow: { ...c.windowDecision, legalBasis: [...c.windowDecision.legalBasis] } } : {}),
    },
  };
}

/**
 * 受理: formal acceptance by a clerk of a submitted case. Accepting attests
 * that the materials are complete: required materials without an upload,
 * a licence or a commitment are recorded as received on paper at the
 * window, unless named as pending (容缺受理: not for applicants with a bad
 * credit record). An immediate item (即办件) may be decided at once.
 */
export function acceptCase(c: Case, input: AcceptCaseInput): Transition {
  requireStatus(c, ['SUBMITTED'], 'acceptance');
  const { item, now, pending } = input;
  checkItemVersion(c, item);
  if (input.opinion.length > MAX_TEXT) throw invalid('OPINION_TOO_LONG', `the opinion is at most ${MAX_TEXT} characters`, [{ field: 'opinion', message: 'too long' }]);
  if (pending) checkPending(c, item, pending, input.creditFlagged);
  if (input.windowDecision) checkWindowDecision(c, item, input.windowDecision, pending);
  const at = now.toISOString();
  const pendingCodes = pending?.materialCodes ?? [];
  const accepted: Case = {
    ...c,
    status: 'ACCEPTED',
    acceptanceKind: pending ? 'WITH_PENDING' : 'STANDARD',
    acceptedAt: at,
    acceptedBy: input.by,
    acceptanceOpinion: input.opinion.trim() || null,
    notifiedAt: c.notifiedAt ?? at,
    paperMaterials: c.missingMaterials.filter((code) => !pendingCodes.includes(code)),
    pending: pending
      ? {
          materialCodes: [...pending.materialCodes],
          commitment: { text: pending.commitment.text.trim(), signedBy: pending.commitment.signedBy.trim(), fileId: pending.commitment.fileId },
          deadlineWorkingDays: pending.deadlineWorkingDays,
          dueDate: pending.dueDate,
          supplied: [],
          suppliedAt: null,
        }
      : null,
    windowDecision: input.windowDecision
      ? {
          decision: input.windowDecision.decision,
          opinion: input.windowDecision.opinion.trim(),
          legalBasis: input.windowDecision.legalBasis.length ? input.windowDecision.legalBasis.map((b) => b.trim()) : [...item.legalBasis],
          decidedBy: input.by,
        }
      : null,
    documents: [...c.documents, document(input.documentId, 'ACCEPTANCE_RECEIPT', now)],
  };
  return { case: accepted, events: [acceptedEvent(accepted, item)] };
}

/**
 * Art. 32: a submitted case nobody answered within 5 working days of
 * receipt counts as accepted from the day of receipt. Intake issues the
 * receipt itself.
 */
export function deemAccepted(c: Case, input: { readonly item: ServiceItem; readonly now: Date; readonly documentId: string }): Transition {
  requireStatus(c, ['SUBMITTED'], 'deemed acceptance');
  checkItemVersion(c, input.item);
  if (c.notifiedAt || !c.noticeDueDate || !c.submittedAt || !hasRunOut(c.noticeDueDate, input.now)) {
    throw precondition('NOTICE_NOT_OVERDUE', `case ${c.caseNumber} can still be answered (due ${c.noticeDueDate ?? 'never'})`);
  }
  const accepted: Case = {
    ...c,
    status: 'ACCEPTED',
    acceptanceKind: 'DEEMED',
    acceptedAt: c.submittedAt,
    acceptedBy: SYSTEM_ACTOR,
    acceptanceOpinion: '逾期未作出受理决定，依法自收到申请之日起即为受理（《中华人民共和国行政许可法》第三十二条）',
    notifiedAt: input.now.toISOString(),
    documents: [...c.documents, document(input.documentId, 'ACCEPTANCE_RECEIPT', input.now)],
  };
  return { case: accepted, events: [acceptedEvent(accepted, input.item)] };
}

export interface RejectCaseInput {
  readonly reason: string;
  readonly legalBasis: readonly string[];
  readonly by: string;
  readonly now: Date;
  readonly documentId: string;
}

/** 不予受理: refusal to accept, with the reason and its legal basis, in a dated notice. */
export function rejectCase(c: Case, input: RejectCaseInput): Transition {
  requireStatus(c, ['SUBMITTED', 'SUPPLEMENT_REQUESTED'], 'refusing to accept');
  const problems: ErrorDetail[] = [];
  if (!input.reason.trim() || input.reason.length > MAX_TEXT) problems.push({ field: 'reason', message: `1 to ${MAX_TEXT} characters` });
  if (!input.legalBasis.length || input.legalBasis.length > MAX_LEGAL_BASIS || input.legalBasis.some((b) => !b.trim())) {
    problems.push({ field: 'legalBasis', message: `1 to ${MAX_LEGAL_BASIS} non-empty entries` });
  }
  if (problems.length) throw invalid('REJECTION_INVALID', 'a refusal needs its reason and legal basis', problems);
  const at = input.now.toISOString();
  const rejection = { reason: input.reason.trim(), legalBasis: input.legalBasis.map((b) => b.trim()), rejectedBy: input.by, rejectedAt: at };
  const rejected: Case = {
    ...c,
    status: 'NOT_ACCEPTED',
    rejection,
    notifiedAt: c.notifiedAt ?? at,
    documents: [...c.documents, document(input.documentId, 'NON_ACCEPTANCE_NOTICE', input.now)],
  };
  return {
    case: rejected,
    events: [
      {
        type: 'onewindow.intake.case.rejected.v1',
        data: {
          ...caseHeader(c),
          reason: rejection.reason,
          legalBasis: [...rejection.legalBasis],
          rejectedBy: input.by,
          rejectedAt: at,
          documentId: input.documentId,
        },
      },
    ],
  };
}

export interface RequestSupplementInput {
  readonly item: ServiceItem;
  readonly deficiencies: readonly Deficiency[];
  readonly opinion: string;
  readonly by: string;
  readonly now: Date;
  readonly documentId: string;
}

/**
 * 一次性告知: every missing or deficient material, listed at once, in one
 * notice. A second notice for the same case is refused: what the first one
 * left out can no longer be asked for.
 */
export function requestSupplement(c: Case, input: RequestSupplementInput): Transition {
  requireStatus(c, ['SUBMITTED'], 'a supplement request');
  if (c.supplementRequest) {
    throw precondition('SUPPLEMENT_ALREADY_REQUESTED', `case ${c.caseNumber} had its one-time notice on ${c.supplementRequest.requestedAt}`);
  }
  checkItemVersion(c, input.item);
  const deficiencies = checkDeficiencies(c, input.item, input.deficiencies);
  requireAllMissingListed(c, deficiencies);
  if (input.opinion.length > MAX_TEXT) throw invalid('OPINION_TOO_LONG', `the opinion is at most ${MAX_TEXT} characters`, [{ field: 'opinion', message: 'too long' }]);
  const at = input.now.toISOString();
  const requested: Case = {
    ...c,
    status: 'SUPPLEMENT_REQUESTED',
    notifiedAt: c.notifiedAt ?? at,
    supplementRequest: { deficiencies, opinion: input.opinion.trim(), requestedBy: input.by, requestedAt: at, supplied: [], supplementedAt: null },
    documents: [...c.documents, document(input.documentId, 'ONE_TIME_NOTICE', input.now)],
  };
  const names = new Map(input.item.requiredMaterials.map((m) => [m.code, m.name]));
  return {
    case: requested,
    events: [
      {
        type: 'onewindow.intake.case.supplement-requested.v1',
        data: {
          ...caseHeader(c),
          deficiencies: deficiencies.map((d) => ({ ...d, materialName: names.get(d.materialCode) ?? d.materialCode })),
          requestedBy: input.by,
          requestedAt: at,
          documentId: input.documentId,
        },
      },
    ],
  };
}

/** 容缺受理 missed: the pending materials did not come by their due date; the case is terminated. */
export function terminateOverdue(c: Case, now: Date): Transition {
  requireStatus(c, ['ACCEPTED'], 'termination');
  const pending = c.pending;
  if (!pending || pending.suppliedAt || !hasRunOut(pending.dueDate, now)) {
    throw precondition('PENDING_NOT_OVERDUE', `case ${c.caseNumber} has no overdue pending materials`);
  }
  const at = now.toISOString();
  const missing = pending.materialCodes.filter((code) => !pending.supplied.includes(code));
  const terminated: Case = { ...c, status: 'TERMINATED', terminatedAt: at, closedAt: at, outcome: 'TERMINATED' };
  return {
    case: terminated,
    events: [
      {
        type: 'onewindow.intake.case.terminated.v1',
        data: {
          caseId: c.id,
          caseNumber: c.caseNumber,
          applicantId: c.applicantId,
          hall: c.hall,
          reason: 'PENDING_MATERIALS_OVERDUE',
          materialCodes: missing,
          dueDate: pending.dueDate,
          terminatedAt: at,
        },
      },
      {
        type: 'onewindow.intake.case.closed.v1',
        data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, licenceId: null, closedAt: at, outcome: 'TERMINATED' },
      },
    ],
  };
}
