import type { intakeV1 } from '@onewindow/contracts';
import { invalid } from '@onewindow/kernel';
import type { WindowDecisionInput } from '../domain/acceptance.js';
import type { Bundle, BundleApplication, BundleDelivery } from '../domain/bundle.js';
import { DEFICIENCY_PROBLEMS, type Case, type Deficiency, type MaterialRef } from '../domain/case.js';
import type { CreditRecord } from '../domain/credit.js';
import { DOCUMENT_TITLES } from '../domain/documents.js';
import type { FileRecord } from '../domain/file.js';
import { APPLICANT_KINDS, type PartyInput } from '../domain/party.js';
import { CURRENCY, type ServiceItem } from '../domain/service-item.js';

/** Generated messages ↔ domain types, at the edge: proto's '' is the domain's null, and enums arrive as checked strings. */

const orEmpty = (value: string | null | undefined) => value ?? '';
const orNull = (value: string) => value.trim() || null;

function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw invalid('REQUEST_INVALID', `${field} must be one of ${values.join(', ')}`, [{ field, message: `one of ${values.join(', ')}` }]);
}

export function toCatalogItem(item: ServiceItem): intakeV1.CatalogItem {
  // A catalog entry shows one fee: the default per-case rule; a case's own fee follows its form.
  const rule = item.fee?.rules.find((r) => r.per === 'case');
  return {
    code: item.code,
    version: item.version,
    name: item.name,
    nameEn: item.nameEn,
    itemType: item.itemType,
    exerciseLevel: item.exerciseLevel,
    implementingAgency: item.implementingAgency,
    legalBasis: [...item.legalBasis],
    caseKind: item.caseKind,
    statutoryLimitDays: item.statutoryLimitDays,
    promisedLimitDays: item.promisedLimitDays,
    maxVisits: item.maxVisits,
    fee: item.fee && rule ? { amountFen: rule.amountFen, currency: CURRENCY, feeBasis: item.fee.feeBasis } : undefined,
    resultLicenceType: orEmpty(item.resultLicenceType),
    requiredMaterials: item.requiredMaterials.map((m) => ({
      code: m.code,
      name: m.name,
      required: m.required,
      originalRequired: m.originalRequired,
      copies: m.copies,
      replaceableByLicenceType: orEmpty(m.replaceableByLicenceType),
      form: m.form,
      commitmentAllowed: m.commitmentAllowed,
      note: orEmpty(m.note),
    })),
    implementationCode: item.implementationCode,
    acceptanceConditions: [...item.acceptanceConditions],
    procedure: [...item.procedure],
    specialProcedures: item.specialProcedures.map((p) => ({ ...p })),
    jointReview: item.jointReview ? { lead: item.jointReview.lead, participants: [...item.jointReview.participants] } : undefined,
    crossProvince: [...item.crossProvince],
    feeRules: (item.fee?.rules ?? []).map((r) => ({ ...r })),
    collectingAgency: orEmpty(item.fee?.collectingAgency),
  };
}

export function toBundleMessage(bundle: Bundle): intakeV1.Bundle {
  return { code: bundle.code, name: bundle.name, nameEn: bundle.nameEn, note: orEmpty(bundle.note), members: bundle.members.map((m) => ({ ...m })) };
}

const toDeficiencyMessage = (d: Deficiency): intakeV1.Deficiency => ({ ...d });

export function toCaseMessage(c: Case): intakeV1.Case {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    itemCode: c.itemCode,
    itemVersion: c.itemVersion,
    itemName: c.itemName,
    status: c.status,
    applicantId: c.applicantId,
    applicantName: c.applicantName,
    hall: c.hall,
    licenceId: orEmpty(c.licenceId),
    decision: orEmpty(c.decision),
    submittedAt: orEmpty(c.submittedAt),
    acceptedAt: orEmpty(c.acceptedAt),
    closedAt: orEmpty(c.closedAt),
    materials: c.materials.map((m) => ({ code: m.code, fileId: orEmpty(m.fileId), licenceId: orEmpty(m.licenceId) })),
    applicantKind: c.applicantKind,
    applicantIdNumberMasked: orEmpty(c.applicantIdNumberMasked),
    filedBy: { ...c.filedBy },
    channel: c.channel,
    orgUnit: c.orgUnit,
    agency: c.agency,
    bundleApplicationId: orEmpty(c.bundleApplicationId),
    commitments: c.commitments.map((m) => ({ ...m })),
    missingMaterials: [...c.missingMaterials],
    form: { ...c.form },
    createdAt: c.createdAt,
    preReview: c.preReview
      ? {
          ...c.preReview,
          result: orEmpty(c.preReview.result),
          reviewedBy: orEmpty(c.preReview.reviewedBy),
          reviewedAt: orEmpty(c.preReview.reviewedAt),
          deficiencies: c.preReview.deficiencies.map(toDeficiencyMessage),
        }
      : undefined,
    noticeDueDate: orEmpty(c.noticeDueDate),
    notifiedAt: orEmpty(c.notifiedAt),
    supplementRequest: c.supplementRequest
      ? {
          ...c.supplementRequest,
          deficiencies: c.supplementRequest.deficiencies.map(toDeficiencyMessage),
          supplied: [...c.supplementRequest.supplied],
          supplementedAt: orEmpty(c.supplementRequest.supplementedAt),
        }
      : undefined,
    rejection: c.rejection ? { ...c.rejection, legalBasis: [...c.rejection.legalBasis] } : undefined,
    acceptanceKind: orEmpty(c.acceptanceKind),
    acceptedBy: orEmpty(c.acceptedBy),
    acceptanceOpinion: orEmpty(c.acceptanceOpinion),
    paperMaterials: [...c.paperMaterials],
    pending: c.pending
      ? {
          materialCodes: [...c.pending.materialCodes],
          commitment: { ...c.pending.commitment, fileId: orEmpty(c.pending.commitment.fileId) },
          deadlineWorkingDays: c.pending.deadlineWorkingDays,
          dueDate: c.pending.dueDate,
          supplied: [...c.pending.supplied],
          suppliedAt: orEmpty(c.pending.suppliedAt),
        }
      : undefined,
    windowDecision: c.windowDecision ? { ...c.windowDecision, legalBasis: [...c.windowDecision.legalBasis] } : undefined,
    terminatedAt: orEmpty(c.terminatedAt),
    decidedAt: orEmpty(c.decidedAt),
    outcome: orEmpty(c.outcome),
    documents: c.documents.map((d) => ({ id: d.id, kind: d.kind, title: DOCUMENT_TITLES[d.kind], issuedAt: d.issuedAt, sha256: orEmpty(d.sha256), size: d.size })),
  };
}

export function toFileInfo(file: FileRecord): intakeV1.FileInfo {
  const { id, sha256, sm3, size, contentType, filename, uploadedAt } = file;
  return { id, sha256, sm3, size, contentType, filename, uploadedAt };
}

export function toBundleApplicationMessage(application: BundleApplication, delivery: BundleDelivery): intakeV1.BundleApplication {
  return {
    id: application.id,
    bundleCode: application.bundleCode,
    bundleName: application.bundleName,
    applicantId: application.applicantId,
    applicantName: application.applicantName,
    hall: application.hall,
    createdAt: application.createdAt,
    status: delivery.status,
    members: delivery.members.map((m) => ({ ...m, outcome: orEmpty(m.outcome), licenceId: orEmpty(m.licenceId) })),
  };
}

export function toCreditMessage(record: CreditRecord): intakeV1.CreditRecord {
  return { applicantId: record.id, flagged: record.flagged, reason: record.reason, updatedAt: record.updatedAt, history: record.history.map((h) => ({ ...h })) };
}

export function fromMaterialRef(m: intakeV1.MaterialRef): MaterialRef {
  return { code: m.code.trim(), fileId: orNull(m.fileId), licenceId: orNull(m.licenceId) };
}

export function fromDeficiency(d: intakeV1.Deficiency, i: number): Deficiency {
  return { materialCode: d.materialCode.trim(), problem: oneOf(DEFICIENCY_PROBLEMS, d.problem, `deficiencies.${i}.problem`), note: d.note };
}

export function fromParty(party: intakeV1.Party | undefined): PartyInput | null {
  if (!party) return null;
  return { kind: oneOf(APPLICANT_KINDS, party.kind, 'applicant.kind'), name: party.name, idNumber: party.idNumber };
}

export function fromWindowDecision(decision: intakeV1.WindowDecisionInput | undefined): WindowDecisionInput | null {
  if (!decision) return null;
  return { decision: oneOf(['APPROVED', 'REJECTED'] as const, decision.decision, 'decision.decision'), opinion: decision.opinion, legalBasis: decision.legalBasis };
}

export function fromPending(pending: intakeV1.PendingInput | undefined) {
  if (!pending) return null;
  return {
    materialCodes: pending.materialCodes.map((c) => c.trim()),
    commitment: {
      text: pending.commitment?.text ?? '',
      signedBy: pending.commitment?.signedBy ?? '',
      fileId: orNull(pending.commitment?.fileId ?? ''),
    },
    deadlineWorkingDays: pending.deadlineWorkingDays,
  };
}

export function preReviewResult(value: string): 'PASSED' | 'RETURNED' {
  return oneOf(['PASSED', 'RETURNED'] as const, value, 'result');
}
