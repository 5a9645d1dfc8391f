import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBillRepository } from '../adapters/bill-repository.js';
import { randomPaymentCodes } from '../adapters/payment-codes.js';
import { CASE_ID, feeNotice, principal, tempStore } from '../testing/fixtures.js';
import { IssueBill } from './issue-bill.js';
import { ListBills } from './list-bills.js';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

async function billedCase(): Promise<ListBills> {
  const bills = storeBillRepository(store);
  await new IssueBill(bills, randomPaymentCodes(), new ManualClock('2026-03-02T02:00:00Z')).execute(feeNotice());
  await new IssueBill(bills, randomPaymentCodes(), new ManualClock('2026-03-02T02:00:00Z')).execute(
    feeNotice({ caseId: 'c-of-someone-else', applicantId: 'u-applicant-li' }),
  );
  return new ListBills(bills);
}

describe('ListBills', () => {
  it("shows the applicant the bills of their own case, and only that case's", async () => {
    const bills = await (await billedCase()).execute(principal('applicant'), CASE_ID);

    expect(bills.map((b) => [b.caseId, b.amount.fen])).toEqual([[CASE_ID, 8000]]);
  });

  it("refuses an applicant the bills of another applicant's case", async () => {
    const list = await billedCase();

    await expect(list.execute(principal('otherApplicant'), CASE_ID)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses a window clerk, whose role reads no bills', async () => {
    const list = await billedCase();

    await expect(list.execute(principal('clerk'), CASE_ID)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('shows a supervisor the bills of any case', async () => {
    const bills = await (await billedCase()).execute(principal('supervisor'), CASE_ID);

    expect(bills).toHaveLength(1);
  });

  it('answers empty for a case without bills to a caller who may read bills, and refuses one who may not', async () => {
    const list = await billedCase();

    expect(await list.execute(principal('applicant'), 'c-without-fee')).toEqual([]);
    await expect(list.execute(principal('clerk'), 'c-without-fee')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses a missing case id', async () => {
    const list = await billedCase();

    await expect(list.execute(principal('applicant'), ' ')).rejects.toMatchObject({ code: 'CASE_ID_INVALID' });
  });
});
