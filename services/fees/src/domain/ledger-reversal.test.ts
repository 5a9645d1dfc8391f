import { describe, expect, it } from 'vitest';
import { accountBalance, balance, billIssuedEntry, post, reversalOf, trialBalance, type Posting } from './ledger.js';
import { money } from './money.js';

const DAY1 = new Date('2026-03-02T02:00:00.000Z');
const DAY2 = new Date('2026-03-03T02:00:00.000Z');
const dayOf = (at: string) => at.slice(0, 10);

describe('reversalOf', () => {
  it('mirrors an entry so the accounts return to zero, keeping the original', () => {
    const issued = post([], billIssuedEntry('e-1', money(8000), DAY1, 'bill b-1'));
    const ledger = post(issued, reversalOf(issued, 'e-1', 'e-1:reversed', DAY2, 'bill b-1 cancelled'));
    expect(ledger).toHaveLength(4);
    expect(ledger.slice(0, 2)).toEqual(issued);
    expect(accountBalance(ledger, 'RECEIVABLE')).toBe(0);
    expect(accountBalance(ledger, 'REVENUE_TO_COLLECT')).toBe(0);
    expect(balance(ledger)).toBe(0);
  });

  it('refuses to reverse an unknown entry or to reuse an entry id', () => {
    const issued = post([], billIssuedEntry('e-1', money(8000), DAY1, 'bill b-1'));
    expect(() => reversalOf(issued, 'e-9', 'r', DAY2, 'x')).toThrow(expect.objectContaining({ code: 'LEDGER_ENTRY_UNKNOWN' }));
    expect(() => reversalOf(issued, 'e-1', 'e-1', DAY2, 'x')).toThrow(expect.objectContaining({ code: 'LEDGER_ENTRY_DUPLICATE' }));
  });
});

describe('trialBalance', () => {
  const ledger: Posting[] = post(
    post([], billIssuedEntry('e-1', money(8000), DAY1, 'bill 1')),
    billIssuedEntry('e-2', money(500), DAY2, 'bill 2'),
  );

  it('totals each account for the day asked, leaving other days out', () => {
    expect(trialBalance(ledger, '2026-03-02', dayOf)).toEqual({
      rows: [
        { account: 'RECEIVABLE', debitFen: 8000, creditFen: 0 },
        { account: 'REVENUE_TO_COLLECT', debitFen: 0, creditFen: 8000 },
      ],
      balanced: true,
    });
    expect(trialBalance(ledger, '2026-03-03', dayOf).rows[0]).toEqual({ account: 'RECEIVABLE', debitFen: 500, creditFen: 0 });
  });

  it('says a day with a one-sided posting does not balance', () => {
    const broken = [...ledger, { ...ledger[0]!, entryId: 'e-3' }];
    expect(trialBalance(broken, '2026-03-02', dayOf).balanced).toBe(false);
  });
});
