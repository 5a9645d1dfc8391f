import type { intakeV1 } from '@onewindow/contracts';
import type { Case, MaterialRef } from '../domain/case.js';
import { CURRENCY, type ServiceItem } from '../domain/service-item.js';

/** Generated messages ↔ domain types, at the edge: proto's '' is the domain's null. */

const orEmpty = (value: string | null) => value ?? '';
const orNull = (value: string) => value.trim() || null;

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
    })),
  };
}

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
    submittedAt: c.submittedAt,
    acceptedAt: orEmpty(c.acceptedAt),
    closedAt: orEmpty(c.closedAt),
    materials: c.materials.map((m) => ({ code: m.code, fileId: orEmpty(m.fileId), licenceId: orEmpty(m.licenceId) })),
  };
}

export function fromMaterialRef(m: intakeV1.MaterialRef): MaterialRef {
  return { code: m.code.trim(), fileId: orNull(m.fileId), licenceId: orNull(m.licenceId) };
}
