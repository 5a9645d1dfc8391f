import { describe, expect, it } from 'vitest';
import { issueBill, isBillable, type FeeNotice } from './bill.js';
import { balance } from './ledger.js';
import { paymentCodeFrom } from './payment-code.js';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const CODE = paymentCodeFrom('1234567890123456789');

function feeNoticeFixture(overrides: Partial<FeeNotice> = {}): FeeNotice {
  return {
    caseId: 'c-1',
    caseNumber: 'SC510100-2026-000001',
    itemCode: 'ZRZY-QR-021',
    itemName: '国有建设用地使用权及房屋所有权转移登记',
    applicantId: 'u-applicant',
    applicantName: '张三',
    hall: 'hall-510100-01',
    orgUnit: '510100',
    agency: '自然资源和规划局（不动产登记中心）',
    fee: { amountFen: 8000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' },
    causationId: 'evt-1',
    ...overrides,
  };
}

const issue = (notice: FeeNotice) => issueBill(notice, { billId: 'b-1', paymentCode: CODE, now: NOW });

describe('isBillable', () => {
  it('bills a case whose item carries a fee', () => {
    expect(isBillable(feeNoticeFixture())).toBe(true);
  });

  it('does not bill a case without a fee or with a zero fee', () => {
    expect(isBillable(feeNoticeFixture({ fee: null }))).toBe(false);
    expect(isBillable(feeNoticeFixture({ fee: { amountFen: 0, currency: 'CNY', feeBasis: 'x' } }))).toBe(false);
  });
});

describe('issueBill', () => {
  it('issues a bill for the fee in integer fen, with the accepting agency collecting it', () => {
    const bill = issue(feeNoticeFixture());
    expect(bill).toMatchObject({
      id: 'b-1',
      caseId: 'c-1',
      amount: { fen: 8000, currency: 'CNY' },
      paymentCode: CODE,
      status: 'ISSUED',
      collectingAgency: '自然资源和规划局（不动产登记中心）',
      feeBasis: '发改价格规〔2016〕2559号',
      issuedAt: NOW.toISOString(),
    });
  });

  it('posts receivable against revenue to collect, balanced', () => {
    const bill = issue(feeNoticeFixture({ fee: { amountFen: 55000, currency: 'CNY', feeBasis: 'x' } }));
    expect(bill.postings.map((p) => [p.account, p.side, p.amount.fen])).toEqual([
      ['RECEIVABLE', 'DEBIT', 55000],
      ['REVENUE_TO_COLLECT', 'CREDIT', 55000],
    ]);
    expect(balance(bill.postings)).toBe(0);
  });

  it('refuses a fee in a fraction of a fen', () => {
    const notice = feeNoticeFixture({ fee: { amountFen: 80.5, currency: 'CNY', feeBasis: 'x' } });
    expect(() => issue(notice)).toThrow(expect.objectContaining({ code: 'MONEY_NOT_INTEGER' }));
  });

  it('refuses a fee in a currency other than CNY', () => {
    const notice = feeNoticeFixture({ fee: { amountFen: 100, currency: 'USD', feeBasis: 'x' } });
    expect(() => issue(notice)).toThrow(expect.objectContaining({ code: 'MONEY_CURRENCY_UNSUPPORTED' }));
  });

  it('refuses to issue when nothing is due', () => {
    expect(() => issue(feeNoticeFixture({ fee: null }))).toThrow(expect.objectContaining({ code: 'BILL_NOTHING_DUE' }));
  });

  it('names every missing field and a bad payment code at once', () => {
    const attempt = () =>
      issueBill(feeNoticeFixture({ agency: ' ', caseNumber: '' }), { billId: 'b-1', paymentCode: '123', now: NOW });
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'BILL_INVALID',
        details: [
          { field: 'caseNumber', message: 'required' },
          { field: 'agency', message: 'required' },
          { field: 'paymentCode', message: 'not a valid payment code' },
        ],
      }),
    );
  });
});
