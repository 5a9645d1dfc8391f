import { EVENT_TYPES } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inAppChannel, storeInbox } from '../adapters/inbox.js';
import { APPLICANT_ID, CASE_ID, eventOf, principal, tempStore } from '../testing/fixtures.js';
import { ListMessages } from './list-messages.js';
import { Notify } from './notify.js';

let store: Store;
let close: () => Promise<void>;
beforeEach(() => ({ store, close } = tempStore()));
afterEach(() => close());

async function notifiedCase(): Promise<ListMessages> {
  const notify = new Notify([inAppChannel(store)], new ManualClock('2026-03-02T02:00:00Z'));
  await notify.execute(eventOf(EVENT_TYPES.CASE_SUBMITTED));
  await notify.execute(eventOf(EVENT_TYPES.CASE_ACCEPTED));
  // The licence of this case goes to a holder other than the applicant (e.g. a company's account).
  await notify.execute(eventOf(EVENT_TYPES.LICENCE_ISSUED, { holderId: 'u-company-account' }));
  await notify.execute(eventOf(EVENT_TYPES.CASE_SUBMITTED, { caseId: 'c-li', applicantId: 'u-applicant-li' }));
  return new ListMessages(storeInbox(store));
}

describe('ListMessages', () => {
  it('shows the applicant their own messages about their case', async () => {
    const messages = await (await notifiedCase()).execute(principal('applicant'), CASE_ID);

    expect(messages.map((m) => m.eventType)).toEqual([EVENT_TYPES.CASE_SUBMITTED, EVENT_TYPES.CASE_ACCEPTED]);
    expect(messages.every((m) => m.recipientId === APPLICANT_ID)).toBe(true);
  });

  it("refuses an applicant the messages of another applicant's case", async () => {
    const list = await notifiedCase();

    await expect(list.execute(principal('otherApplicant'), CASE_ID)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses a window clerk, whose role reads no messages', async () => {
    const list = await notifiedCase();

    await expect(list.execute(principal('clerk'), CASE_ID)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('shows a supervisor every message of the case, whoever it went to', async () => {
    const messages = await (await notifiedCase()).execute(principal('supervisor'), CASE_ID);

    expect(messages.map((m) => m.recipientId)).toEqual([APPLICANT_ID, APPLICANT_ID, 'u-company-account']);
  });

  it('answers empty for a case without messages to a caller who may read messages, and refuses one who may not', async () => {
    const list = await notifiedCase();

    expect(await list.execute(principal('applicant'), 'c-quiet')).toEqual([]);
    await expect(list.execute(principal('clerk'), 'c-quiet')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses a missing case id', async () => {
    const list = await notifiedCase();

    await expect(list.execute(principal('applicant'), '')).rejects.toMatchObject({ code: 'CASE_ID_INVALID' });
  });
});
