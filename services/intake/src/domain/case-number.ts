import { chinaDate } from '@onewindow/calendar/china-time';
import { invalid } from '@onewindow/kernel/errors';

/**
 * 办件编号: the human-facing case number, built from a configurable format.
 * Tokens: `{yyyy}`, `{MM}`, `{dd}`, `{yyyyMMdd}` (the date in China Standard
 * Time, UTC+8, where the halls are) and exactly one `{seqN}`: the sequence
 * number, zero-padded to N digits (it grows past N rather than wrapping).
 * The sequence restarts for every distinct rendering of the date tokens, so
 * `OW-{yyyyMMdd}-{seq6}` numbers cases per day and `{yyyy}-{seq8}` per year.
 */
export const DEFAULT_CASE_NUMBER_FORMAT = 'OW-{yyyyMMdd}-{seq6}';

const TOKEN = /\{([A-Za-z0-9]+)\}/g;
const SEQ = /^seq([1-9]|1[0-2])$/;
const DATE_TOKENS = ['yyyy', 'MM', 'dd', 'yyyyMMdd'] as const;
/** Outside the tokens: letters, digits and a few separators, so numbers stay readable and safe in URLs. */
const LITERAL = /^[A-Za-z0-9_./-]*$/;
const MAX_LENGTH = 64;

export interface CaseNumberFormat {
  readonly pattern: string;
}

/** Validates a format once (at startup); every problem is reported at once. */
export function parseCaseNumberFormat(pattern: string): CaseNumberFormat {
  const problems: string[] = [];
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1] ?? '');
  const seqTokens = tokens.filter((t) => SEQ.test(t));
  if (seqTokens.length !== 1) problems.push('needs exactly one {seqN} token, N from 1 to 12');
  for (const t of tokens) {
    if (!SEQ.test(t) && !(DATE_TOKENS as readonly string[]).includes(t)) problems.push(`unknown token {${t}}`);
  }
  if (!LITERAL.test(pattern.replace(TOKEN, ''))) problems.push('text outside tokens may hold only A-Z a-z 0-9 _ . / -');
  if (pattern.length === 0 || pattern.length > MAX_LENGTH) problems.push(`must be 1 to ${MAX_LENGTH} characters`);
  if (problems.length) {
    throw invalid(
      'CASE_NUMBER_FORMAT_INVALID',
      `invalid case number format "${pattern}"`,
      problems.map((message) => ({ field: 'CASE_NUMBER_FORMAT', message })),
    );
  }
  return { pattern };
}

function dateParts(now: Date) {
  const [yyyy = '', MM = '', dd = ''] = chinaDate(now).split('-');
  return { yyyy, MM, dd, yyyyMMdd: `${yyyy}${MM}${dd}` };
}

function render(format: CaseNumberFormat, now: Date, seq: (digits: number) => string): string {
  const parts: Record<string, string> = dateParts(now);
  return format.pattern.replace(TOKEN, (_whole, token: string) => {
    const seqMatch = SEQ.exec(token);
    return seqMatch ? seq(Number(seqMatch[1])) : (parts[token] ?? '');
  });
}

/**
 * The counter a case number draws from at `now`: the format with its date
 * tokens filled in and the sequence left open, e.g. `OW-20260105-{seq}`.
 */
export function sequenceScope(format: CaseNumberFormat, now: Date): string {
  return render(format, now, () => '{seq}');
}

export function formatCaseNumber(format: CaseNumberFormat, now: Date, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1) throw invalid('CASE_NUMBER_SEQ_INVALID', 'sequence must be a positive integer');
  return render(format, now, (digits) => String(seq).padStart(digits, '0'));
}
