import { invalid } from '@onewindow/kernel/errors';

/** Fees are collected in renminbi only; another currency is a new issue, not a silent conversion. */
export const CURRENCIES = ['CNY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** An amount of money in integer fen (分), never a float. */
export interface Money {
  readonly fen: number;
  readonly currency: Currency;
}

export function isCurrency(value: string): value is Currency {
  return (CURRENCIES as readonly string[]).includes(value);
}

function checkFen(fen: number, field: string): void {
  if (!Number.isSafeInteger(fen)) throw invalid('MONEY_NOT_INTEGER', `${field} must be a whole number of fen`, [{ field, message: 'not a safe integer' }]);
  if (fen < 0) throw invalid('MONEY_NEGATIVE', `${field} must not be negative`, [{ field, message: 'negative' }]);
}

/** Builds an amount, refusing fractions of a fen, negative amounts and unknown currencies. */
export function money(fen: number, currency: string = 'CNY'): Money {
  checkFen(fen, 'fen');
  if (!isCurrency(currency)) {
    throw invalid('MONEY_CURRENCY_UNSUPPORTED', `currency ${currency} is not supported`, [{ field: 'currency', message: 'must be CNY' }]);
  }
  return { fen, currency };
}

/** Checks operands built outside `money` (e.g. read back from storage) as strictly as `money` does. */
function operands(a: Money, b: Money): void {
  checkFen(a.fen, 'left.fen');
  checkFen(b.fen, 'right.fen');
  if (a.currency !== b.currency) {
    throw invalid('MONEY_CURRENCY_MISMATCH', `cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  operands(a, b);
  const fen = a.fen + b.fen;
  if (!Number.isSafeInteger(fen)) throw invalid('MONEY_OVERFLOW', 'the sum is too large to count exactly');
  return { fen, currency: a.currency };
}

/** Refuses to go below zero: an amount owed is never negative. */
export function subtract(a: Money, b: Money): Money {
  operands(a, b);
  if (b.fen > a.fen) throw invalid('MONEY_NEGATIVE', `cannot subtract ${b.fen} fen from ${a.fen} fen`);
  return { fen: a.fen - b.fen, currency: a.currency };
}

export const zero = (currency: Currency = 'CNY'): Money => ({ fen: 0, currency });
