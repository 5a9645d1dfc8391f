import type { ErrorDetail } from '@onewindow/kernel/errors';

/**
 * Instant approval (秒批): an item may publish rules under which a case is
 * approved the moment it is accepted, with no one in the loop. The rules
 * are part of the item's published workflow, and each one reads a fact of
 * the accepted case, so anyone can check why a case was, or was not,
 * approved on the spot. Every rule must hold; any failing rule sends the
 * case to the ordinary steps, and the timeline names the rules that failed.
 */
export const INSTANT_FACTS = [
  'itemCode',
  'caseKind',
  'orgUnit',
  'hall',
  'agency',
  'feeAmountFen',
  'promisedLimitDays',
  'statutoryLimitDays',
] as const;
export type InstantFact = (typeof INSTANT_FACTS)[number];
const NUMERIC_FACTS: readonly InstantFact[] = ['feeAmountFen', 'promisedLimitDays', 'statutoryLimitDays'];

export const RULE_OPS = ['EQ', 'NE', 'IN', 'PREFIX', 'LTE', 'GTE', 'IS_NULL', 'NOT_NULL'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

export interface InstantRule {
  readonly id: string;
  /** What the rule means, in the words published to the public. */
  readonly description: string;
  readonly fact: InstantFact;
  readonly op: RuleOp;
  /** One value for EQ, NE, PREFIX, LTE, GTE; several for IN; none for IS_NULL and NOT_NULL. */
  readonly values: readonly string[];
}

export interface InstantApproval {
  readonly rules: readonly InstantRule[];
  /** The decision's opinion when every rule holds. */
  readonly opinion: string;
  readonly legalBasis: readonly string[];
}

export type CaseFacts = Readonly<Record<InstantFact, string | number | null>>;

export interface RuleResult {
  readonly ruleId: string;
  readonly description: string;
  readonly passed: boolean;
}

export interface InstantVerdict {
  readonly approved: boolean;
  readonly results: readonly RuleResult[];
}

export function evaluateInstantApproval(instant: InstantApproval, facts: CaseFacts): InstantVerdict {
  const results = instant.rules.map((rule) => ({ ruleId: rule.id, description: rule.description, passed: holds(rule, facts[rule.fact]) }));
  return { approved: results.length > 0 && results.every((r) => r.passed), results };
}

function holds(rule: InstantRule, fact: string | number | null): boolean {
  const [first = ''] = rule.values;
  switch (rule.op) {
    case 'IS_NULL':
      return fact === null;
    case 'NOT_NULL':
      return fact !== null;
    case 'EQ':
      return fact !== null && String(fact) === first;
    case 'NE':
      return fact === null || String(fact) !== first;
    case 'IN':
      return fact !== null && rule.values.includes(String(fact));
    case 'PREFIX':
      return typeof fact === 'string' && fact.startsWith(first);
    case 'LTE':
      return typeof fact === 'number' && fact <= Number(first);
    case 'GTE':
      return typeof fact === 'number' && fact >= Number(first);
  }
}

const RULE_ID = /^[a-z][a-z0-9_-]{0,31}$/;
const MAX_RULES = 20;
const MAX_VALUES = 50;
const MAX_TEXT = 200;

/** Checks a rule set as submitted (`raw` fields are whatever the caller sent); pushes every problem found. */
export function checkInstantApproval(
  raw: { rules: readonly { id: string; description: string; fact: string; op: string; values: readonly string[] }[]; opinion: string; legalBasis: readonly string[] },
  problems: ErrorDetail[],
): InstantApproval {
  const at = 'instantApproval';
  if (raw.rules.length === 0) problems.push({ field: `${at}.rules`, message: 'instant approval needs at least one rule: with none it would approve everything' });
  if (raw.rules.length > MAX_RULES) problems.push({ field: `${at}.rules`, message: `at most ${MAX_RULES} rules` });
  const ids = new Set<string>();
  const rules = raw.rules.map((r, i): InstantRule => {
    const field = `${at}.rules[${i}]`;
    if (!RULE_ID.test(r.id)) problems.push({ field: `${field}.id`, message: 'lower-case letters, digits, - or _, starting with a letter' });
    if (ids.has(r.id)) problems.push({ field: `${field}.id`, message: `rule id "${r.id}" is used twice` });
    ids.add(r.id);
    const description = r.description.trim();
    if (!description || description.length > MAX_TEXT) problems.push({ field: `${field}.description`, message: `1 to ${MAX_TEXT} characters` });
    const fact = INSTANT_FACTS.find((f) => f === r.fact);
    if (!fact) problems.push({ field: `${field}.fact`, message: `one of ${INSTANT_FACTS.join(', ')}` });
    const op = RULE_OPS.find((o) => o === r.op);
    if (!op) problems.push({ field: `${field}.op`, message: `one of ${RULE_OPS.join(', ')}` });
    const values = r.values.map((v) => v.trim());
    if (op) {
      const expected = op === 'IN' ? 'some' : op === 'IS_NULL' || op === 'NOT_NULL' ? 'none' : 'one';
      const count = values.length;
      if ((expected === 'one' && count !== 1) || (expected === 'none' && count !== 0) || (expected === 'some' && (count < 1 || count > MAX_VALUES))) {
        problems.push({ field: `${field}.values`, message: `${op} takes ${expected === 'some' ? `1 to ${MAX_VALUES}` : expected} value(s)` });
      }
      if (values.some((v) => !v || v.length > MAX_TEXT)) problems.push({ field: `${field}.values`, message: `each value 1 to ${MAX_TEXT} characters` });
      if ((op === 'LTE' || op === 'GTE') && (!fact || !NUMERIC_FACTS.includes(fact) || values.some((v) => !Number.isFinite(Number(v))))) {
        problems.push({ field: field, message: `${op} compares a numeric fact (${NUMERIC_FACTS.join(', ')}) with a number` });
      }
    }
    return { id: r.id, description, fact: fact ?? 'itemCode', op: op ?? 'EQ', values };
  });
  const opinion = raw.opinion.trim();
  if (!opinion || opinion.length > 2000) problems.push({ field: `${at}.opinion`, message: 'the opinion recorded on an instant approval, 1 to 2000 characters' });
  const legalBasis = raw.legalBasis.map((b) => b.trim()).filter(Boolean);
  if (legalBasis.length === 0) problems.push({ field: `${at}.legalBasis`, message: 'an instant approval cites its legal basis' });
  if (legalBasis.length > 20 || legalBasis.some((b) => b.length > MAX_TEXT)) {
    problems.push({ field: `${at}.legalBasis`, message: `at most 20 entries of ${MAX_TEXT} characters` });
  }
  return { rules, opinion, legalBasis };
}
