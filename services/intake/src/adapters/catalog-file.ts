import { readFile } from 'node:fs/promises';
import { invalid } from '@onewindow/kernel';
import { z } from 'zod';
import type { Bundle } from '../domain/bundle.js';
import { CASE_KINDS, EXERCISE_LEVELS, ITEM_TYPES, MATERIAL_FORMS, type ServiceItemContent } from '../domain/service-item.js';

/** The published catalog file's shape (`data/catalog-sample.json`); extra keys are ignored. */
const material = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  required: z.boolean(),
  form: z.enum(MATERIAL_FORMS).default('PAPER_OR_ELECTRONIC'),
  commitmentAllowed: z.boolean().default(false),
  originalRequired: z.boolean(),
  copies: z.int().min(0),
  replaceableByLicenceType: z.string().min(1).optional(),
  note: z.string().optional(),
});

const item = z.object({
  baseCode: z.string().min(1),
  /** Defaults to the base code when the file gives none. */
  implementationCode: z.string().min(1).optional(),
  name: z.string().min(1),
  nameEn: z.string().default(''),
  itemType: z.enum(ITEM_TYPES),
  exerciseLevel: z.enum(EXERCISE_LEVELS),
  implementingAgency: z.string().min(1),
  legalBasis: z.array(z.string().min(1)),
  acceptanceConditions: z.array(z.string().min(1)).default([]),
  procedure: z.array(z.string().min(1)).default([]),
  caseKind: z.enum(CASE_KINDS),
  statutoryLimitDays: z.number().nonnegative(),
  promisedLimitDays: z.number().nonnegative(),
  maxVisits: z.int().min(0),
  fee: z
    .object({
      basis: z.string().min(1),
      collectingAgency: z.string().min(1).optional(),
      rules: z.array(z.object({ when: z.string().min(1), amountFen: z.int().min(0), per: z.enum(['case', 'certificate']) })),
    })
    .nullable()
    .default(null),
  resultLicenceType: z.string().min(1).optional(),
  requiredMaterials: z.array(material),
  specialProcedures: z
    .array(z.object({ name: z.string().min(1), countsTowardLimit: z.boolean(), maxDays: z.number().nonnegative() }))
    .default([]),
  jointReview: z.object({ lead: z.string().min(1), participants: z.array(z.string().min(1)) }).optional(),
  crossProvince: z.array(z.string().min(1)).default([]),
});

/** A bundle member names its item by code, or by name and agency as the published sample does. */
const bundle = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().default(''),
  note: z.string().optional(),
  items: z.array(z.object({ itemCode: z.string().min(1).optional(), name: z.string().min(1), agency: z.string().min(1) })),
});

const catalogFile = z.object({ items: z.array(item), bundles: z.array(bundle).default([]) });

export interface CatalogDocument {
  readonly items: ServiceItemContent[];
  readonly bundles: Bundle[];
}

function toContent(raw: z.infer<typeof item>): ServiceItemContent {
  return {
    code: raw.baseCode,
    implementationCode: raw.implementationCode ?? raw.baseCode,
    name: raw.name,
    nameEn: raw.nameEn,
    itemType: raw.itemType,
    exerciseLevel: raw.exerciseLevel,
    implementingAgency: raw.implementingAgency,
    legalBasis: raw.legalBasis,
    acceptanceConditions: raw.acceptanceConditions,
    procedure: raw.procedure,
    caseKind: raw.caseKind,
    statutoryLimitDays: raw.statutoryLimitDays,
    promisedLimitDays: raw.promisedLimitDays,
    maxVisits: raw.maxVisits,
    fee: raw.fee && { feeBasis: raw.fee.basis, collectingAgency: raw.fee.collectingAgency ?? null, rules: raw.fee.rules },
    resultLicenceType: raw.resultLicenceType ?? null,
    requiredMaterials: raw.requiredMaterials.map((m) => ({
      code: m.code,
      name: m.name,
      required: m.required,
      form: m.form,
      originalRequired: m.originalRequired,
      copies: m.copies,
      replaceableByLicenceType: m.replaceableByLicenceType ?? null,
      commitmentAllowed: m.commitmentAllowed,
      note: m.note ?? null,
    })),
    specialProcedures: raw.specialProcedures,
    jointReview: raw.jointReview ?? null,
    crossProvince: raw.crossProvince,
  };
}

function toBundle(raw: z.infer<typeof bundle>, items: readonly ServiceItemContent[]): Bundle {
  return {
    code: raw.code,
    name: raw.name,
    nameEn: raw.nameEn,
    note: raw.note ?? null,
    members: raw.items.map((m) => ({
      itemCode: m.itemCode ?? items.find((i) => i.name === m.name && i.implementingAgency === m.agency)?.code ?? '',
      name: m.name,
      agency: m.agency,
    })),
  };
}

/** Parses a catalog document; every bad field is reported at once. */
export function parseCatalog(json: unknown): CatalogDocument {
  const result = catalogFile.safeParse(json);
  if (!result.success) {
    throw invalid(
      'CATALOG_INVALID',
      'the catalog file is not valid',
      result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  }
  const items = result.data.items.map(toContent);
  return { items, bundles: result.data.bundles.map((b) => toBundle(b, items)) };
}

export async function readCatalogFile(path: string): Promise<CatalogDocument> {
  return parseCatalog(JSON.parse(await readFile(path, 'utf8')));
}
