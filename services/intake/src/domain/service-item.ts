import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';

export const ITEM_TYPES = [
  'LICENSING',
  'CONFIRMATION',
  'BENEFIT',
  'ADJUDICATION',
  'REWARD',
  'FILING',
  'OTHER_POWER',
  'PUBLIC_SERVICE',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const EXERCISE_LEVELS = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export type ExerciseLevel = (typeof EXERCISE_LEVELS)[number];

export const CASE_KINDS = ['IMMEDIATE', 'PROMISED', 'JOINT', 'ESCALATED'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Money is integer fen with a currency, never a float. */
export const CURRENCY = 'CNY';

/** How a material may be handed in: on paper at the window, as an upload, or either. */
export const MATERIAL_FORMS = ['PAPER', 'ELECTRONIC', 'PAPER_OR_ELECTRONIC'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export interface RequiredMaterial {
  readonly code: string;
  readonly name: string;
  readonly required: boolean;
  readonly form: MaterialForm;
  readonly originalRequired: boolean;
  readonly copies: number;
  /** A licence type from the holder's library that may replace the document (免证办). */
  readonly replaceableByLicenceType: string | null;
  /** Whether the applicant's signed commitment may replace this proof (告知承诺制). */
  readonly commitmentAllowed: boolean;
  readonly note: string | null;
}

/** One line of a fee standard: `amountFen` per `per` when the case is `when`. */
export interface FeeRule {
  readonly when: string;
  readonly amountFen: number;
  readonly per: 'case' | 'certificate';
}

/** 收费依据 / 收费标准: the legal basis of a fee and its amount rules. */
export interface FeeStandard {
  readonly feeBasis: string;
  readonly collectingAgency: string | null;
  readonly rules: readonly FeeRule[];
}

export interface SpecialProcedure {
  readonly name: string;
  readonly countsTowardLimit: boolean;
  readonly maxDays: number;
}

export interface JointReview {
  readonly lead: string;
  readonly participants: readonly string[];
}

/** A service item as published, without its catalog version. */
export interface ServiceItemContent {
  /** The item's catalog code (its baseCode), e.g. `SCJG-DJ-001`; what cases refer to. */
  readonly code: string;
  /** The code of the item as this agency implements it (实施编码). */
  readonly implementationCode: string;
  readonly name: string;
  readonly nameEn: string;
  readonly itemType: ItemType;
  readonly exerciseLevel: ExerciseLevel;
  readonly implementingAgency: string;
  readonly legalBasis: readonly string[];
  /** 受理条件: who may apply and when. */
  readonly acceptanceConditions: readonly string[];
  /** 办理流程: the steps, as published (五公开). */
  readonly procedure: readonly string[];
  readonly caseKind: CaseKind;
  /** Working days; may be fractional (0.5 is a published promise). */
  readonly statutoryLimitDays: number;
  readonly promisedLimitDays: number;
  readonly maxVisits: number;
  readonly fee: FeeStandard | null;
  /** Null when the item produces no licence. */
  readonly resultLicenceType: string | null;
  readonly requiredMaterials: readonly RequiredMaterial[];
  readonly specialProcedures: readonly SpecialProcedure[];
  readonly jointReview: JointReview | null;
  readonly crossProvince: readonly string[];
}

/** 政务服务事项: a published item at one catalog version. Versions are immutable; a change is version + 1. */
export interface ServiceItem extends ServiceItemContent {
  readonly version: number;
}

const CODE = /^[A-Z0-9][A-Z0-9-]{1,63}$/;

/** Validates an item's business rules; every problem is reported at once. */
export function defineServiceItem(content: ServiceItemContent): ServiceItemContent {
  const problems: ErrorDetail[] = [];
  const check = (ok: boolean, field: string, message: string) => {
    if (!ok) problems.push({ field, message });
  };
  check(CODE.test(content.code), 'code', 'must be upper-case letters, digits and dashes');
  check(content.implementationCode.trim() !== '', 'implementationCode', 'required');
  check(content.name.trim() !== '', 'name', 'required');
  check(content.implementingAgency.trim() !== '', 'implementingAgency', 'required');
  check(content.statutoryLimitDays >= 0, 'statutoryLimitDays', 'must not be negative');
  check(
    content.promisedLimitDays >= 0 && content.promisedLimitDays <= content.statutoryLimitDays,
    'promisedLimitDays',
    'must be between 0 and the statutory limit',
  );
  check(Number.isInteger(content.maxVisits) && content.maxVisits >= 0, 'maxVisits', 'must be a whole number ≥ 0');
  const codes = content.requiredMaterials.map((m) => m.code);
  check(new Set(codes).size === codes.length, 'requiredMaterials', 'material codes must be unique');
  for (const [i, rule] of (content.fee?.rules ?? []).entries()) {
    check(Number.isSafeInteger(rule.amountFen) && rule.amountFen >= 0, `fee.rules.${i}.amountFen`, 'must be whole fen ≥ 0');
  }
  if (content.fee) {
    check(content.fee.feeBasis.trim() !== '', 'fee.feeBasis', 'required');
    check(caseRules(content.fee).length > 0, 'fee.rules', 'needs at least one per-case rule');
  }
  if (problems.length) throw invalid('ITEM_INVALID', `invalid service item ${content.code}`, problems);
  return content;
}

/** Whether two publications say the same thing: seeding unchanged content creates no new version. */
export function sameContent(a: ServiceItemContent, b: ServiceItemContent): boolean {
  return canonical(contentOf(a)) === canonical(contentOf(b));
}

/** The content of an item, whatever else (a version) the object carries. */
export function contentOf(item: ServiceItemContent): ServiceItemContent {
  const { code, implementationCode, name, nameEn, itemType, exerciseLevel, implementingAgency, legalBasis, caseKind } = item;
  const { acceptanceConditions, procedure, statutoryLimitDays, promisedLimitDays, maxVisits, fee, resultLicenceType } = item;
  const { requiredMaterials, specialProcedures, jointReview, crossProvince } = item;
  return {
    code,
    implementationCode,
    name,
    nameEn,
    itemType,
    exerciseLevel,
    implementingAgency,
    legalBasis,
    acceptanceConditions,
    procedure,
    caseKind,
    statutoryLimitDays,
    promisedLimitDays,
    maxVisits,
    fee,
    resultLicenceType,
    requiredMaterials,
    specialProcedures,
    jointReview,
    crossProvince,
  };
}

/** JSON with sorted keys, so key order never makes two equal items differ. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface CatalogQuery {
  readonly keyword?: string;
  readonly agency?: string;
  readonly exerciseLevel?: ExerciseLevel;
}

/** Keyword matches name, English name or code, ignoring case; agency and level match exactly. */
export function matchesCatalogQuery(item: ServiceItemContent, query: CatalogQuery): boolean {
  const keyword = query.keyword?.trim().toLowerCase();
  if (keyword && ![item.name, item.nameEn, item.code, item.implementationCode].some((field) => field.toLowerCase().includes(keyword))) {
    return false;
  }
  if (query.agency && item.implementingAgency !== query.agency) return false;
  if (query.exerciseLevel && item.exerciseLevel !== query.exerciseLevel) return false;
  return true;
}

export function isExerciseLevel(value: string): value is ExerciseLevel {
  return (EXERCISE_LEVELS as readonly string[]).includes(value);
}

/** The fee a case owes, in fen. */
export interface CaseFee {
  readonly amountFen: number;
  readonly currency: typeof CURRENCY;
  readonly feeBasis: string;
}

/** The form field that picks a per-case fee rule (e.g. residential / non-residential property). */
export const FEE_SELECTOR_FIELD = 'propertyUse';

const caseRules = (fee: FeeStandard) => fee.rules.filter((r) => r.per === 'case');

/**
 * The per-case fee of an item for a case's form: the rule named by the form's
 * `propertyUse`, or the item's first per-case rule (the default, `residential`
 * in the sample catalog). Null when the item charges no fee.
 */
export function feeForCase(item: ServiceItemContent, form: Readonly<Record<string, string>>): CaseFee | null {
  if (!item.fee) return null;
  const rules = caseRules(item.fee);
  const wanted = form[FEE_SELECTOR_FIELD]?.trim();
  const rule = wanted ? rules.find((r) => r.when === wanted) : rules[0];
  if (!rule) {
    const known = rules.map((r) => r.when).join(', ');
    throw invalid('FORM_INVALID', `${FEE_SELECTOR_FIELD} must be one of: ${known}`, [
      { field: `form.${FEE_SELECTOR_FIELD}`, message: `must be one of: ${known}` },
    ]);
  }
  return { amountFen: rule.amountFen, currency: CURRENCY, feeBasis: item.fee.feeBasis };
}

/** The codes of required materials that were not given (neither a file, a licence nor a commitment). */
export function missingMaterials(item: ServiceItemContent, givenCodes: readonly string[]): string[] {
  const given = new Set(givenCodes);
  return item.requiredMaterials.filter((m) => m.required && !given.has(m.code)).map((m) => m.code);
}

export function materialOf(item: ServiceItemContent, code: string): RequiredMaterial | undefined {
  return item.requiredMaterials.find((m) => m.code === code);
}

/**
 * What publishing `content` adds to the catalog after `latest` (the item's
 * highest version so far): version 1 for a new item, latest + 1 for changed
 * content, and nothing for content already published.
 */
export function nextVersion(latest: ServiceItem | null, content: ServiceItemContent): ServiceItem | null {
  const item = contentOf(defineServiceItem(content));
  if (!latest) return { ...item, version: 1 };
  if (latest.code !== item.code) throw invalid('ITEM_CODE_MISMATCH', `${item.code} is not a new version of ${latest.code}`);
  return sameContent(latest, item) ? null : { ...item, version: latest.version + 1 };
}
