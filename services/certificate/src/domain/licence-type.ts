/**
 * Licence types as data (GB/T 36903-style metadata): the elements every
 * licence carries, then each type's own fields. The catalog file lives
 * beside the service (licence-types/licence-types.json) and is read by an
 * adapter; this module only checks its shape and fills a type's fields.
 */
export interface DataElement {
  readonly name: string;
  readonly label: string;
}

/** A type's own field: filled from a fact of the decision (`from`) or a fixed text (`value`). */
export interface TypeField extends DataElement {
  readonly from?: 'itemName' | 'itemCode' | 'caseNumber';
  readonly value?: string;
}

export interface LicenceType {
  readonly type: string;
  /** The name printed as the document's title (证照名称). */
  readonly name: string;
  /** Whole years from issue; 0 is a licence without an end (长期). */
  readonly validityYears: number;
  readonly fields: readonly TypeField[];
}

export interface LicenceTypeCatalog {
  readonly commonElements: readonly DataElement[];
  readonly types: readonly LicenceType[];
}

const FROM = new Set(['itemName', 'itemCode', 'caseNumber']);

/** The catalog if the parsed JSON is one; else a list of what is wrong, so a bad file fails the start. */
export function readLicenceTypeCatalog(raw: unknown): { catalog: LicenceTypeCatalog } | { problems: string[] } {
  const problems: string[] = [];
  const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const element = (v: unknown, where: string): v is DataElement => {
    const ok = record(v) && typeof v['name'] === 'string' && v['name'] !== '' && typeof v['label'] === 'string' && v['label'] !== '';
    if (!ok) problems.push(`${where}: needs a name and a label`);
    return ok;
  };
  if (!record(raw) || !Array.isArray(raw['commonElements']) || !Array.isArray(raw['types'])) {
    return { problems: ['the catalog needs commonElements and types'] };
  }
  raw['commonElements'].forEach((e, i) => element(e, `commonElements[${i}]`));
  const seen = new Set<string>();
  raw['types'].forEach((t, i) => {
    const where = `types[${i}]`;
    if (!record(t) || typeof t['type'] !== 'string' || typeof t['name'] !== 'string' || !t['type'] || !t['name']) {
      problems.push(`${where}: needs a type and a name`);
      return;
    }
    if (seen.has(t['type'])) problems.push(`${where}: ${t['type']} is listed twice`);
    seen.add(t['type']);
    if (!Number.isInteger(t['validityYears']) || (t['validityYears'] as number) < 0) problems.push(`${where}: validityYears must be 0 or more`);
    if (!Array.isArray(t['fields'])) problems.push(`${where}: needs fields`);
    else {
      t['fields'].forEach((f, j) => {
        if (!element(f, `${where}.fields[${j}]`)) return;
        const field = f as unknown as Record<string, unknown>;
        const from = field['from'];
        const value = field['value'];
        if ((from === undefined) === (value === undefined)) problems.push(`${where}.fields[${j}]: needs exactly one of from and value`);
        if (from !== undefined && !FROM.has(String(from))) problems.push(`${where}.fields[${j}]: from must be one of ${[...FROM].join(', ')}`);
        if (value !== undefined && typeof value !== 'string') problems.push(`${where}.fields[${j}]: value must be text`);
      });
    }
  });
  return problems.length ? { problems } : { catalog: raw as unknown as LicenceTypeCatalog };
}

/**
 * The type a decision names. A type the catalog does not list still gets a
 * licence (the item catalog may name types before this one is updated):
 * titled by its code, without an end date, with the licensed item as its only field.
 */
export function licenceTypeOf(catalog: LicenceTypeCatalog, type: string): LicenceType {
  return (
    catalog.types.find((t) => t.type === type) ?? {
      type,
      name: type,
      validityYears: 0,
      fields: [{ name: 'licensedItem', label: '许可事项', from: 'itemName' }],
    }
  );
}

/** The type's own fields, filled from the decision's facts. */
export function fillFields(type: LicenceType, facts: { itemName: string; itemCode: string; caseNumber: string }): Record<string, string> {
  return Object.fromEntries(type.fields.map((f) => [f.name, f.from ? facts[f.from] : (f.value ?? '')]));
}

/** The end of validity: the same calendar day `years` later (UTC), or '' for a licence without an end. */
export function validUntil(validFrom: Date, years: number): string {
  if (years === 0) return '';
  const end = new Date(validFrom);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end.toISOString();
}
