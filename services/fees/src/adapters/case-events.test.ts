import { EVENT_TYPES, newEvent } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IssueBill } from '../app/issue-bill.js';
import { CASE_ID, caseAcceptedEvent, tempStore } from '../testing/fixtures.js';
import { storeBillRepository } from './bill-repository.js';
import { billingConsumer } from './case-events.js';
import { randomPaymentCodes } from './payment-codes.js';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

const delivery = { topic: 'onewindow.intake.case.v1', key: CASE_ID, value: '', headers: {}, partition: 0, offset: '0' };
const consumer = () =>
  billingConsumer(new IssueBill(storeBillRepository(store), randomPaymentCodes(), new ManualClock('2026-03-02T02:00:00Z')));

describe('billingConsumer', () => {
  it('bills an accepted case with a fee, once per event however often it is delivered', async () => {
    const event = caseAcceptedEvent();

    await consumer().handle(event, delivery);
    await consumer().handle(event, delivery);

    const bills = await storeBillRepository(store).forCase(CASE_ID);
    expect(bills.map((b) => [b.amount.fen, b.causationId])).toEqual([[8000, event.id]]);
  });

  it('leaves an accepted case without a fee unbilled', async () => {
    await consumer().handle(caseAcceptedEvent({ fee: null }), delivery);

    expect(await storeBillRepository(store).forCase(CASE_ID)).toEqual([]);
  });

  it('ignores other case events', async () => {
    const submitted = newEvent({
      type: EVENT_TYPES.CASE_SUBMITTED,
      source: 'onewindow/intake',
      subject: CASE_ID,
      time: new Date('2026-03-02T01:00:00Z'),
      data: {
        caseId: CASE_ID,
        caseNumber: 'SC510100-2026-000001',
        itemCode: 'ZRZY-QR-021',
        itemVersion: 1,
        itemName: '转移登记',
        applicantId: 'u-1',
        applicantName: '张三',
        hall: 'hall-510100-01',
        submittedAt: '2026-03-02T01:00:00Z',
      },
    });

    await consumer().handle(submitted, delivery);

    expect(await storeBillRepository(store).forCase(CASE_ID)).toEqual([]);
  });

  it('subscribes to the intake case topic, for case.accepted only', () => {
    expect(consumer().topics).toEqual(['onewindow.intake.case.v1']);
    expect(consumer().types).toEqual([EVENT_TYPES.CASE_ACCEPTED]);
  });
});
