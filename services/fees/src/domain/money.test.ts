import { DomainError } from '@onewindow/kernel/errors';
import { describe, expect, it } from 'vitest';
import { add, money, subtract, type Money } from './money.js';

const cny = (fen: number): Money => money(fen, 'CNY');
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return undefined;
};

describe('money', () => {
  it('holds a whole number of fen in CNY', () => {
    expect(money(8000)).toEqual({ fen: 8000, currency: 'CNY' });
  });

  it('refuses a fraction of a fen', () => {
    expect(codeOf(() => money(80.5))).toBe('MONEY_NOT_INTEGER');
  });

  it('refuses amounts beyond exact integer range', () => {
    expect(codeOf(() => money(Number.MAX_SAFE_INTEGER + 1))).toBe('MONEY_NOT_INTEGER');
  });

  it('refuses a negative amount', () => {
    expect(codeOf(() => money(-1))).toBe('MONEY_NEGATIVE');
  });

  it('refuses a currency other than CNY', () => {
    expect(codeOf(() => money(100, 'USD'))).toBe('MONEY_CURRENCY_UNSUPPORTED');
  });
});

describe('add', () => {
  it('sums two amounts of the same currency', () => {
    expect(add(cny(8000), cny(1000))).toEqual(cny(9000));
  });

  it('refuses an operand that carries a fraction of a fen', () => {
    const forged: Money = { fen: 0.1, currency: 'CNY' };
    expect(codeOf(() => add(cny(1), forged))).toBe('MONEY_NOT_INTEGER');
  });

  it('refuses to mix currencies', () => {
    const usd = { fen: 100, currency: 'USD' } as unknown as Money;
    expect(codeOf(() => add(cny(100), usd))).toBe('MONEY_CURRENCY_MISMATCH');
  });

  it('refuses a sum it could not count exactly', () => {
    expect(codeOf(() => add(cny(Number.MAX_SAFE_INTEGER), cny(1)))).toBe('MONEY_OVERFLOW');
  });
});

describe('subtract', () => {
  it('takes one amount from another', () => {
    expect(subtract(cny(8000), cny(3000))).toEqual(cny(5000));
  });

  it('refuses to go below zero', () => {
    expect(codeOf(() => subtract(cny(100), cny(101)))).toBe('MONEY_NEGATIVE');
  });

  it('refuses a non-integer operand', () => {
    const forged: Money = { fen: 2.5, currency: 'CNY' };
    expect(codeOf(() => subtract(cny(10), forged))).toBe('MONEY_NOT_INTEGER');
  });

  it('refuses to mix currencies', () => {
    const eur = { fen: 1, currency: 'EUR' } as unknown as Money;
    expect(codeOf(() => subtract(cny(100), eur))).toBe('MONEY_CURRENCY_MISMATCH');
  });
});
