import { credentials, Metadata } from '@grpc/grpc-js';
import { EVENT_TYPES } from '@onewindow/events';
import { notificationsV1 } from '@onewindow/contracts';
import { createLogger, ManualClock } from '@onewindow/kernel';
import { createRpcClient, startRpcServer, type RpcServer } from '@onewindow/rpc';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListMessages } from '../app/list-messages.js';
import { Notify } from '../app/notify.js';
import { APPLICANT_ID, CASE_ID, eventOf, fakeVerifier, tempStore } from '../testing/fixtures.js';
import { notificationsGrpc } from './grpc.js';
import { inAppChannel, storeInbox } from './inbox.js';

let store: Store;
let closeStore: () => Promise<void>;
let server: RpcServer;
let client: ReturnType<typeof createRpcClient<typeof notificationsV1.NotificationsServiceService>>;
let billEventId: string;

beforeEach(async () => {
  ({ store, close: closeStore } = tempStore());
  const bill = eventOf(EVENT_TYPES.BILL_ISSUED);
  billEventId = bill.id;
  await new Notify([inAppChannel(store)], new ManualClock('2026-03-02T02:00:00.000Z')).execute(bill);
  server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'notifications-test', level: 'silent' }),
    verifier: fakeVerifier,
    services: [notificationsGrpc({ listMessages: new ListMessages(storeInbox(store)) })],
  });
  client = createRpcClient(notificationsV1.NotificationsServiceClient, `127.0.0.1:${server.port}`);
});

afterEach(async () => {
  client.close();
  await server.close(100);
  await closeStore();
});

describe('NotificationsService over gRPC', () => {
  it("lists the applicant's messages in Simplified Chinese by default", async () => {
    const { messages } = await client.call('listMessages', { caseId: CASE_ID }, { token: 'applicant' });

    expect(messages).toEqual([
      {
        id: `${billEventId}:IN_APP`,
        recipientId: APPLICANT_ID,
        caseId: CASE_ID,
        channel: 'IN_APP',
        template: EVENT_TYPES.BILL_ISSUED,
        title: '缴款通知',
        body: '您的办件 SC510100-2026-000001 需缴纳费用 80.50 元，缴款码 12345678901234567897。',
        createdAt: '2026-03-02T02:00:00.000Z',
        eventType: EVENT_TYPES.BILL_ISSUED,
      },
    ]);
  });

  it('refuses a call without a token', async () => {
    await expect(client.call('listMessages', { caseId: CASE_ID })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it("refuses another applicant the case's messages", async () => {
    await expect(client.call('listMessages', { caseId: CASE_ID }, { token: 'otherApplicant' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('answers in English to a caller whose accept-language puts English first', async () => {
    // createRpcClient sends no custom metadata, so this call goes through the generated client directly.
    const raw = new notificationsV1.NotificationsServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer applicant');
    metadata.set('accept-language', 'en-US,en;q=0.9');
    try {
      const response = await new Promise<notificationsV1.ListMessagesResponse>((resolve, reject) =>
        raw.listMessages({ caseId: CASE_ID }, metadata, (err, res) => (err ? reject(err) : resolve(res))),
      );
      expect(response.messages.map((m) => [m.title, m.body])).toEqual([
        ['Payment notice', 'Your application SC510100-2026-000001 has a fee of CNY 80.50 to pay; payment code 12345678901234567897.'],
      ]);
    } finally {
      raw.close();
    }
  });
});
