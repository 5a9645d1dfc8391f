import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import {
  caseHeader,
  givenCodes,
  requireStatus,
  type Case,
  type CaseEvent,
  type Commitment,
  type Deficiency,
  type FiledBy,
  type MaterialRef,
  type Transition,
} from './case.js';
import { orgUnitOfHall } from './hall.js';
import type { ApplicantKind } from './party.js';
import { feeForCase, materialOf, missingMaterials, type ServiceItem } from './service-item.js';

const MAX_MATERIALS = 100;
const MAX_FORM_FIELDS = 50;
const MAX_FORM_KEY = 64;
const MAX_FORM_VALUE = 2000;
const MAX_REF = 200;
export const MAX_TEXT = 2000;

/** A commitment as the applicant signs it; the case adds who and when. */
export interface CommitmentInput {
  readonly materialCode: string;
  readonly text: string;
}

export interface ApplicantOfRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: ApplicantKind;
  readonly idNumberMasked: string | null;
  readonly idNumberSealed: string | null;
}

export interface CreateCaseInput {
  readonly id: string;
  readonly caseNumber: string;
  readonly item: ServiceItem;
  readonly applicant: ApplicantOfRecord;
  readonly filedBy: FiledBy;
  readonly hall: string;
  readonly materials: readonly MaterialRef[];
  readonly commitments: readonly CommitmentInput[];
  readonly form: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly bundleApplicationId: string | null;
  /** A draft is kept for the applicant (and a pre-review) until submitted. */
  readonly draft: boolean;
  /** Required unless a draft: the Art. 32 due date counted from `now`. */
  readonly noticeDueDate: string | null;
  readonly now: Date;
}

/** Problems with a set of materials and commitments for an item; every one at once. */
export function materialProblems(item: ServiceItem, materials: readonly MaterialRef[], commitments: readonly CommitmentInput[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  if (materials.length + commitments.length > MAX_MATERIALS) problems.push({ field: 'materials', message: `at most ${MAX_MATERIALS}` });
  materials.forEach((m, i) => {
    const field = `materials.${i}`;
    const material = materialOf(item, m.code);
    if (!material) problems.push({ field: `${field}.code`, message: `${m.code} is not a material of ${item.code}` });
    if (seen.has(m.code)) problems.push({ field: `${field}.code`, message: `${m.code} is given twice` });
    seen.add(m.code);
    if (Boolean(m.fileId) === Boolean(m.licenceId)) problems.push({ field, message: 'needs either a fileId or a licenceId' });
    if (m.licenceId && material && !material.replaceableByLicenceType) {
      problems.push({ field: `${field}.licenceId`, message: `${m.code} cannot be replaced by a licence` });
    }
    if ((m.fileId?.length ?? 0) > MAX_REF || (m.licenceId?.length ?? 0) > MAX_REF) {
      problems.push({ field, message: `ids are at most ${MAX_REF} characters` });
    }
  });
  commitments.forEach((c, i) => {
    const field = `commitments.${i}`;
    const material = materialOf(item, c.materialCode);
    if (!material) problems.push({ field: `${field}.materialCode`, message: `${c.materialCode} is not a material of ${item.code}` });
    else if (!material.commitmentAllowed) {
      problems.push({ field: `${field}.materialCode`, message: `${c.materialCode} cannot be replaced by a commitment` });
    }
    if (seen.has(c.materialCode)) problems.push({ field: `${field}.materialCode`, message: `${c.materialCode} is given twice` });
    seen.add(c.materialCode);
    if (!c.text.trim() || c.text.length > MAX_TEXT) problems.push({ field: `${field}.text`, message: `1 to ${MAX_TEXT} characters` });
  });
  return problems;
}

/** Checks a new case before it costs a case number; `createCase` checks it again. */
export function validateSubmission(input: Omit<CreateCaseInput, 'id' | 'caseNumber' | 'now' | 'noticeDueDate'>): void {
  const problems = materialProblems(input.item, input.materials, input.commitments);
  const entries = Object.entries(input.form);
  if (entries.length > MAX_FORM_FIELDS) problems.push({ field: 'form', message: `at most ${MAX_FORM_FIELDS} fields` });
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_FORM_KEY) problems.push({ field: 'form', message: `field names are 1 to ${MAX_FORM_KEY} characters` });
    if (value.length > MAX_FORM_VALUE) problems.push({ field: `form.${key}`, message: `at most ${MAX_FORM_VALUE} characters` });
  }
  if (!input.applicant.name.trim()) problems.push({ field: 'applicantName', message: 'the applicant has no name' });
  if (problems.length) throw invalid('CASE_INVALID', 'invalid case submission', problems);
  orgUnitOfHall(input.hall);
  // A form that picks no known fee rule is refused now rather than at acceptance.
  feeForCase(input.item, input.form);
}

export function signCommitments(inputs: readonly CommitmentInput[], signedBy: string, now: Date): Commitment[] {
  return inputs.map((c) => ({ materialCode: c.materialCode, text: c.text.trim(), signedBy, signedAt: now.toISOString(), verification: 'PENDING' }));
}

function submittedEvent(c: Case): CaseEvent {
  return {
    type: 'onewindow.intake.case.submitted.v1',
    data: {
      ...caseHeader(c),
      itemVersion: c.itemVersion,
      submittedAt: c.submittedAt ?? c.createdAt,
      channel: c.channel,
      filedBy: { subject: c.filedBy.subject, role: c.filedBy.role },
      noticeDueDate: c.noticeDueDate ?? '',
      missingMaterials: [...c.missingMaterials],
      ...(c.bundleApplicationId ? { bundleApplicationId: c.bundleApplicationId } : {}),
    },
  };
}

/** 申报 (or a draft): a new case with what was given recorded and what is missing listed; missing materials never block it. */
export function createCase(input: CreateCaseInput): Transition {
  validateSubmission(input);
  const { item, now, applicant } = input;
  if (!input.draft && !input.noticeDueDate) throw invalid('NOTICE_DUE_DATE_REQUIRED', 'a submitted case needs its notice due date');
  const commitments = signCommitments(input.commitments, applicant.name, now);
  const at = now.toISOString();
  const c: Case = {
    id: input.id,
    caseNumber: input.caseNumber,
    itemCode: item.code,
    itemVersion: item.version,
    itemName: item.name,
    status: input.draft ? 'DRAFT' : 'SUBMITTED',
    applicantId: applicant.id,
    applicantName: applicant.name.trim(),
    applicantKind: applicant.kind,
    applicantIdNumberMasked: applicant.idNumberMasked,
    applicantIdNumberSealed: applicant.idNumberSealed,
    filedBy: input.filedBy,
    channel: input.filedBy.role === 'CLERK' ? 'WINDOW' : 'ONLINE',
    hall: input.hall,
    orgUnit: orgUnitOfHall(input.hall),
    agency: item.implementingAgency,
    bundleApplicationId: input.bundleApplicationId,
    materials: input.materials,
    commitments,
    missingMaterials: missingMaterials(item, givenCodes({ materials: input.materials, commitments })),
    form: input.form,
    idempotencyKey: input.idempotencyKey,
    createdAt: at,
    preReview: null,
    submittedAt: input.draft ? null : at,
    noticeDueDate: input.draft ? null : input.noticeDueDate,
    notifiedAt: null,
    supplementRequest: null,
    rejection: null,
    acceptanceKind: null,
    acceptedAt: null,
    acceptedBy: null,
    acceptanceOpinion: null,
    paperMaterials: [],
    pending: null,
    windowDecision: null,
    terminatedAt: null,
    decision: null,
    decidedAt: null,
    licenceId: null,
    closedAt: null,
    outcome: null,
    documents: [],
  };
  return { case: c, events: input.draft ? [] : [submittedEvent(c)] };
}

/** A draft is submitted: the application is received now and the Art. 32 clock starts. */
export function submitDraft(c: Case, input: { readonly noticeDueDate: string; readonly now: Date }): Transition {
  requireStatus(c, ['DRAFT'], 'submitting');
  const submitted: Case = { ...c, status: 'SUBMITTED', submittedAt: input.now.toISOString(), noticeDueDate: input.noticeDueDate };
  return { case: submitted, events: [submittedEvent(submitted)] };
}

/** 预审: the applicant asks a clerk to look at the draft online before travelling to the window. */
export function requestPreReview(c: Case, now: Date): Transition {
  requireStatus(c, ['DRAFT'], 'asking for a pre-review');
  const preReview = { requestedAt: now.toISOString(), result: null, opinion: '', deficiencies: [], reviewedBy: null, reviewedAt: null };
  return { case: { ...c, status: 'PRE_REVIEW', preReview }, events: [] };
}

export interface PreReviewInput {
  readonly item: ServiceItem;
  readonly result: 'PASSED' | 'RETURNED';
  readonly opinion: string;
  readonly deficiencies: readonly Deficiency[];
  readonly by: string;
  readonly now: Date;
}

/**
 * A clerk's pre-review answer. RETURNED lists every problem at once, and at
 * least every required material still missing (一次性告知, before the
 * applicant travels); PASSED means the draft may be submitted as it is.
 * Either way the draft goes back to the applicant.
 */
export function preReviewCase(c: Case, input: PreReviewInput): Transition {
  requireStatus(c, ['PRE_REVIEW'], 'a pre-review');
  const deficiencies = checkDeficiencies(c, input.item, input.deficiencies);
  if (input.result === 'PASSED' && deficiencies.length) {
    throw invalid('PRE_REVIEW_INVALID', 'a passed pre-review lists no deficiencies', [{ field: 'deficiencies', message: 'must be empty when PASSED' }]);
  }
  if (input.result === 'PASSED' && c.missingMaterials.length) {
    throw invalid('PRE_REVIEW_INVALID', `required materials are missing: ${c.missingMaterials.join(', ')}`, [
      { field: 'result', message: 'cannot pass a draft with missing required materials' },
    ]);
  }
  if (input.result === 'RETURNED') requireAllMissingListed(c, deficiencies);
  const at = input.now.toISOString();
  const preReview = {
    requestedAt: c.preReview?.requestedAt ?? at,
    result: input.result,
    opinion: input.opinion.trim(),
    deficiencies,
    reviewedBy: input.by,
    reviewedAt: at,
  };
  const reviewed: Case = { ...c, status: 'DRAFT', preReview };
  return {
    case: reviewed,
    events: [
      {
        type: 'onewindow.intake.case.pre-reviewed.v1',
        data: {
          caseId: c.id,
          caseNumber: c.caseNumber,
          itemCode: c.itemCode,
          itemName: c.itemName,
          applicantId: c.applicantId,
          hall: c.hall,
          result: input.result,
          opinion: preReview.opinion,
          deficiencies: deficiencies.map((d) => ({ ...d })),
          reviewedBy: input.by,
          reviewedAt: at,
        },
      },
    ],
  };
}

/** Deficiency lines: known, distinct material codes, a note for every DEFICIENT one. */
export function checkDeficiencies(c: Case, item: ServiceItem, deficiencies: readonly Deficiency[]): Deficiency[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  deficiencies.forEach((d, i) => {
    if (!materialOf(item, d.materialCode)) problems.push({ field: `deficiencies.${i}.materialCode`, message: `${d.materialCode} is not a material of ${c.itemCode}` });
    if (seen.has(d.materialCode)) problems.push({ field: `deficiencies.${i}.materialCode`, message: `${d.materialCode} is listed twice` });
    seen.add(d.materialCode);
    if (d.problem === 'DEFICIENT' && !d.note.trim()) problems.push({ field: `deficiencies.${i}.note`, message: 'say what is wrong with it' });
    if (d.note.length > MAX_TEXT) problems.push({ field: `deficiencies.${i}.note`, message: `at most ${MAX_TEXT} characters` });
  });
  if (problems.length) throw invalid('DEFICIENCIES_INVALID', 'the deficiency list is not valid', problems);
  return deficiencies.map((d) => ({ materialCode: d.materialCode, problem: d.problem, note: d.note.trim() }));
}

/** 一次性告知: a notice that leaves out a missing required material would need a second one; refuse it. */
export function requireAllMissingListed(c: Case, deficiencies: readonly Deficiency[]): void {
  const listed = new Set(deficiencies.map((d) => d.materialCode));
  const omitted = c.missingMaterials.filter((code) => !listed.has(code));
  if (omitted.length) {
    throw invalid('NOTICE_INCOMPLETE', `the notice must list every missing material at once; missing too: ${omitted.join(', ')}`, [
      { field: 'deficiencies', message: `add ${omitted.join(', ')}` },
    ]);
  }
  if (!deficiencies.length) throw invalid('NOTICE_EMPTY', 'list at least one deficient material', [{ field: 'deficiencies', message: 'required' }]);
}
