import { describe, expect, it } from 'vitest';
import { money, type Money } from './money.js';
import { accountBalance, balance, billIssuedEntry, post, type Posting } from './ledger.js';

const AT = new Date('2026-03-02T02:00:00.000Z');

function postingFixture(overrides: Partial<Posting> = {}): Posting {
  return {
    entryId: 'e-1',
    account: 'RECEIVABLE',
    side: 'DEBIT',
    amount: money(8000),
    postedAt: AT.toISOString(),
    memo: 'bill b-1',
    ...overrides,
  };
}

describe('balance', () => {
  it('is zero for an empty ledger', () => {
    expect(balance([])).toBe(0);
  });

  it('is debits minus credits in fen', () => {
    const postings = [
      postingFixture({ amount: money(8000) }),
      postingFixture({ side: 'CREDIT', account: 'REVENUE_TO_COLLECT', amount: money(5000) }),
    ];
    expect(balance(postings)).toBe(3000);
  });

  it('refuses postings in different currencies', () => {
    const usd = { fen: 1, currency: 'USD' } as unknown as Money;
    expect(() => balance([postingFixture(), postingFixture({ side: 'CREDIT', amount: usd })])).toThrow(
      expect.objectContaining({ code: 'MONEY_CURRENCY_MISMATCH' }),
    );
  });
});

describe('post', () => {
  it('appends a balanced bill-issued entry and leaves the ledger at zero', () => {
    const ledger = post([], billIssuedEntry('e-1', money(8000), AT, 'bill b-1'));
    expect(ledger).toHaveLength(2);
    expect(balance(ledger)).toBe(0);
    expect(accountBalance(ledger, 'RECEIVABLE')).toBe(8000);
    expect(accountBalance(ledger, 'REVENUE_TO_COLLECT')).toBe(-8000);
  });

  it('keeps the ledger balanced after each of several entries', () => {
    let ledger: Posting[] = [];
    for (const [i, fen] of [8000, 55000, 1000].entries()) {
      ledger = post(ledger, billIssuedEntry(`e-${i}`, money(fen), AT, `bill ${i}`));
      expect(balance(ledger)).toBe(0);
    }
    expect(accountBalance(ledger, 'RECEIVABLE')).toBe(64000);
  });

  it('refuses an entry whose debits and credits differ', () => {
    const entry = [postingFixture(), postingFixture({ side: 'CREDIT', account: 'REVENUE_TO_COLLECT', amount: money(7999) })];
    expect(() => post([], entry)).toThrow(expect.objectContaining({ code: 'LEDGER_UNBALANCED' }));
  });

  it('refuses a one-sided entry', () => {
    expect(() => post([], [postingFixture()])).toThrow(expect.objectContaining({ code: 'LEDGER_ENTRY_INCOMPLETE' }));
  });

  it('refuses to balance an unbalanced ledger with a balanced entry on top', () => {
    const broken = [postingFixture({ entryId: 'e-0' })];
    expect(() => post(broken, billIssuedEntry('e-1', money(100), AT, 'bill'))).toThrow(
      expect.objectContaining({ code: 'LEDGER_UNBALANCED' }),
    );
  });

  it('refuses a zero-amount posting', () => {
    expect(() => post([], billIssuedEntry('e-1', money(0), AT, 'bill'))).toThrow(
      expect.objectContaining({ code: 'LEDGER_ZERO_POSTING' }),
    );
  });

  it('refuses postings of different entries mixed into one', () => {
    const entry = [postingFixture(), postingFixture({ entryId: 'e-2', side: 'CREDIT', account: 'REVENUE_TO_COLLECT' })];
    expect(() => post([], entry)).toThrow(expect.objectContaining({ code: 'LEDGER_ENTRY_INCOMPLETE' }));
  });
});
