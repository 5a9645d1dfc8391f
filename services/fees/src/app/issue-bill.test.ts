import { EVENT_TYPES, type EventEnvelope, type BillIssuedData } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBillRepository } from '../adapters/bill-repository.js';
import { randomPaymentCodes } from '../adapters/payment-codes.js';
import { balance } from '../domain/ledger.js';
import { isValidPaymentCode, paymentCodeFrom } from '../domain/payment-code.js';
import { feeNotice, tempStore } from '../testing/fixtures.js';
import type { PaymentCodes } from './ports.js';
import { IssueBill } from './issue-bill.js';

const NOW = '2026-03-02T02:00:00.000Z';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

const useCase = (codes: PaymentCodes = randomPaymentCodes()) =>
  new IssueBill(storeBillRepository(store), codes, new ManualClock(NOW));

async function published(): Promise<EventEnvelope[]> {
  return (await store.outbox.pending(100)).map((e) => JSON.parse(e.payload) as EventEnvelope);
}

/** Hands out the given codes in order. */
const scriptedCodes = (...codes: string[]): PaymentCodes => ({
  next: () => {
    const code = codes.shift();
    if (!code) throw new Error('no more scripted codes');
    return code;
  },
});

describe('IssueBill', () => {
  it('issues a bill with a valid payment code and balanced postings, and announces it in the same write', async () => {
    const result = await useCase().execute(feeNotice());

    expect(result.outcome).toBe('ISSUED');
    if (result.outcome === 'NOT_BILLABLE') throw new Error('expected a bill');
    expect(isValidPaymentCode(result.bill.paymentCode)).toBe(true);
    expect(balance(result.bill.postings)).toBe(0);
    const stored = await storeBillRepository(store).forCase(result.bill.caseId);
    expect(stored).toEqual([result.bill]);
    const events = await published();
    expect(events.map((e) => e.type)).toEqual([EVENT_TYPES.BILL_ISSUED]);
    expect(events[0]?.data).toEqual<BillIssuedData>({
      billId: result.bill.id,
      caseId: result.bill.caseId,
      caseNumber: 'SC510100-2026-000001',
      applicantId: result.bill.applicantId,
      amountFen: 8000,
      currency: 'CNY',
      paymentCode: result.bill.paymentCode,
      issuedAt: NOW,
    });
  });

  it('issues one bill per case and item however often the notice arrives', async () => {
    const first = await useCase().execute(feeNotice());
    const again = await useCase().execute(feeNotice({}, 'evt-accepted-redelivered'));

    expect(again.outcome).toBe('ALREADY_ISSUED');
    expect(again).toMatchObject({ bill: { id: first.outcome === 'ISSUED' ? first.bill.id : 'none' } });
    expect(await storeBillRepository(store).forCase(feeNotice().caseId)).toHaveLength(1);
    expect(await published()).toHaveLength(1);
  });

  it('issues one bill when two deliveries of the notice race', async () => {
    const results = await Promise.all([useCase().execute(feeNotice()), useCase().execute(feeNotice())]);

    expect(results.map((r) => r.outcome).sort()).toEqual(['ALREADY_ISSUED', 'ISSUED']);
    expect(await storeBillRepository(store).forCase(feeNotice().caseId)).toHaveLength(1);
    expect(await published()).toHaveLength(1);
  });

  it('writes nothing for a case without a fee', async () => {
    const result = await useCase().execute(feeNotice({ fee: null }));

    expect(result.outcome).toBe('NOT_BILLABLE');
    expect(await storeBillRepository(store).forCase(feeNotice().caseId)).toEqual([]);
    expect(await published()).toEqual([]);
  });

  it('draws another payment code when the first is already taken by another bill', async () => {
    const taken = paymentCodeFrom('1000000000000000000');
    const fresh = paymentCodeFrom('2000000000000000000');
    await useCase(scriptedCodes(taken)).execute(feeNotice({ caseId: 'c-other' }));

    const result = await useCase(scriptedCodes(taken, fresh)).execute(feeNotice());

    expect(result).toMatchObject({ outcome: 'ISSUED', bill: { paymentCode: fresh } });
    expect(await published()).toHaveLength(2);
  });

  it('gives up, writing nothing, when the code source keeps repeating a taken code', async () => {
    const taken = paymentCodeFrom('1000000000000000000');
    await useCase(scriptedCodes(taken)).execute(feeNotice({ caseId: 'c-other' }));

    const attempt = useCase(scriptedCodes(taken, taken, taken)).execute(feeNotice());

    await expect(attempt).rejects.toMatchObject({ code: 'BILL_PAYMENT_CODE_EXHAUSTED' });
    expect(await storeBillRepository(store).forCase(feeNotice().caseId)).toEqual([]);
  });

  it('refuses a fee in fractions of a fen and writes nothing', async () => {
    const notice = feeNotice({ fee: { amountFen: 99.5, currency: 'CNY', feeBasis: 'x' } });

    await expect(useCase().execute(notice)).rejects.toMatchObject({ code: 'MONEY_NOT_INTEGER' });
    expect(await published()).toEqual([]);
  });
});
