import { describe, expect, it } from 'vitest';
import { reconcile, type RecordedPayment, type StatementLine } from './reconciliation.js';

const line = (paymentCode: string, bankSerial: string, amountFen: number): StatementLine => ({ paymentCode, bankSerial, amountFen });
const paid = (paymentId: string, paymentCode: string, bankSerial: string, amountFen: number): RecordedPayment => ({
  paymentId,
  paymentCode,
  bankSerial,
  amountFen,
});

describe('reconcile', () => {
  it('ends each line and each payment in exactly one of the four outcomes', () => {
    const results = reconcile(
      [line('C1', 'S1', 8000), line('C2', 'S2', 500), line('C3', 'S3', 1000)],
      [paid('p1', 'C1', 'S1', 8000), paid('p3', 'C3', 'S3', 1200), paid('p4', 'C4', 'S4', 300)],
    );
    expect(results.map((r) => [r.paymentCode, r.outcome, r.statementFen, r.recordedFen, r.paymentId])).toEqual([
      ['C1', 'MATCHED', 8000, 8000, 'p1'],
      ['C2', 'MISSING_HERE', 500, null, null],
      ['C3', 'AMOUNT_MISMATCH', 1000, 1200, 'p3'],
      ['C4', 'MISSING_AT_BANK', null, 300, 'p4'],
    ]);
  });

  it('matches by payment code and bank serial together: the same code paid twice is two transfers', () => {
    const results = reconcile([line('C1', 'S1', 8000), line('C1', 'S2', 8000)], [paid('p1', 'C1', 'S1', 8000)]);
    expect(results.map((r) => [r.bankSerial, r.outcome])).toEqual([
      ['S1', 'MATCHED'],
      ['S2', 'MISSING_HERE'],
    ]);
  });

  it('does not match one payment to a line the statement repeats', () => {
    const results = reconcile([line('C1', 'S1', 8000), line('C1', 'S1', 8000)], [paid('p1', 'C1', 'S1', 8000)]);
    expect(results.map((r) => r.outcome)).toEqual(['MATCHED', 'MISSING_HERE']);
  });
});
