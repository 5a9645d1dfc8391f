import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTBOUND, outboundChannel, storeOutboundQueue } from '../adapters/outbound.js';
import { webhookGateway } from '../adapters/webhook.js';
import type { OutboundMessage, RetryPolicy } from '../domain/delivery.js';
import type { Message } from '../domain/message.js';
import { codeRequestedEvent } from '../testing/fixtures.js';
import { startReceiver, type Answer } from '../testing/receiver.js';
import { DeliverOutbound } from './deliver-outbound.js';
import { Notify } from './notify.js';
import type { OutboundQueue } from './ports.js';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';
const POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 2_000, maxDelayMs: 60_000, claimMs: 30_000 };
/** The code is requested at 02:00:00 and valid until 02:10:00. */
const ARRIVED = '2026-03-02T02:00:01.000Z';

let dir: string;
let store: Store;
let clock: ManualClock;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notifications-outbound-'));
  store = openSqliteStore({ file: join(dir, 'notifications.db') });
  clock = new ManualClock(ARRIVED);
  receiver = await startReceiver();
});

afterEach(async () => {
  await receiver.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const relay = (options: { timeoutMs?: number; queue?: OutboundQueue; on?: Store } = {}) =>
  new DeliverOutbound(
    options.queue ?? storeOutboundQueue(options.on ?? store),
    webhookGateway({ url: receiver.url, secret: SECRET, timeoutMs: options.timeoutMs ?? 2_000 }, clock),
    clock,
    { policy: POLICY, random: () => 0.5 },
  );

async function queueCode(data: Parameters<typeof codeRequestedEvent>[0] = {}): Promise<string> {
  const notify = new Notify([outboundChannel(store, 'SMS'), outboundChannel(store, 'EMAIL')], clock);
  const [result] = await notify.execute(codeRequestedEvent(data));
  return result!.messageId;
}

const stored = async (id: string) => (await store.collection<OutboundMessage>(OUTBOUND).get(id))?.value;

const answering = (...answers: Answer[]) => receiver.answer(...answers);

describe('DeliverOutbound to a webhook', () => {
  it('posts the SMS signed with the shared secret, under the message id as idempotency key, and marks it sent', async () => {
    const id = await queueCode();

    const reports = await relay().execute();

    expect(reports).toEqual([{ messageId: id, channel: 'SMS', result: 'SENT', attempts: 1 }]);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe(id);
    const timestamp = String(request?.headers['x-onewindow-timestamp']);
    expect(timestamp).toBe(String(Math.floor(Date.parse(ARRIVED) / 1000)));
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${request?.body}`).digest('hex');
    expect(request?.headers['x-onewindow-signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      id,
      channel: 'SMS',
      to: '13912345678',
      text: '您的验证码为 048213，10 分钟内有效（北京时间 2026-03-02 10:10 前）。请勿告诉他人；如非本人操作，请忽略本消息。',
      locale: 'zh-CN',
      createdAt: ARRIVED,
      expiresAt: '2026-03-02T02:10:00.000Z',
    });
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'SENT', attempts: 1, sentAt: ARRIVED });
    // What is kept after sending no longer holds the code.
    expect(JSON.stringify(await stored(id))).not.toContain('048213');
    expect((await stored(id))?.texts['zh-CN'].body).toContain('您的验证码为 ******，');
  });

  it('gives an email its subject', async () => {
    await queueCode({ kind: 'email', destination: 'zhang@example.com' });

    await relay().execute();

    expect(JSON.parse(receiver.received[0]?.body ?? '')).toMatchObject({ channel: 'EMAIL', to: 'zhang@example.com', subject: '【一网通办】验证码' });
  });

  it('tries again after a 503, once the backoff has passed, with the same idempotency key', async () => {
    const id = await queueCode();
    answering(503, 200);

    expect((await relay().execute()).map((r) => [r.result, r.lastError])).toEqual([['RETRY', 'HTTP 503']]);
    // 2 s base: a wait between 1 and 2 s, 1.5 s with this jitter.
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'PENDING', attempts: 1, nextAttemptAt: '2026-03-02T02:00:02.500Z' });
    expect(await relay().execute()).toEqual([]);

    clock.advance(1_500);
    expect((await relay().execute()).map((r) => r.result)).toEqual(['SENT']);
    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([id, id]);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'SENT', attempts: 2 });
    expect(await stored(id)).not.toHaveProperty('lastError');
  });

  it('tries again on 408 and 429 too', async () => {
    const id = await queueCode();
    answering(429, 408, 200);

    for (const wait of [0, 1_500, 3_000]) {
      clock.advance(wait);
      await relay().execute();
    }

    expect(receiver.received).toHaveLength(3);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'SENT', attempts: 3 });
  });

  it('fails a message the gateway refuses with a 400 at once, never trying again', async () => {
    const id = await queueCode();
    answering(400);

    expect((await relay().execute()).map((r) => [r.result, r.lastError])).toEqual([['FAILED', 'HTTP 400']]);
    clock.advance(3_600_000);
    expect(await relay().execute()).toEqual([]);

    expect(receiver.received).toHaveLength(1);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'FAILED', attempts: 1, lastError: 'HTTP 400' });
  });

  it('tries again when the gateway does not answer in time', async () => {
    const id = await queueCode();
    answering('HANG', 200);

    const [first] = await relay({ timeoutMs: 150 }).execute();
    expect(first).toMatchObject({ result: 'RETRY', lastError: 'timed out after 150 ms' });

    clock.advance(1_500);
    expect((await relay({ timeoutMs: 150 }).execute()).map((r) => r.result)).toEqual(['SENT']);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'SENT', attempts: 2 });
  });

  it('tries again when the gateway cannot be reached', async () => {
    const id = await queueCode();
    await receiver.close();

    const [report] = await relay().execute();

    expect(report).toMatchObject({ result: 'RETRY', lastError: 'network: ECONNREFUSED' });
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'PENDING', attempts: 1 });
  });

  it('gives up after the last attempt', async () => {
    const id = await queueCode();
    answering(503, 503, 503, 200);

    for (const wait of [0, 1_500, 3_000, 6_000]) {
      clock.advance(wait);
      await relay().execute();
    }

    expect(receiver.received).toHaveLength(POLICY.maxAttempts);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'FAILED', attempts: 3, lastError: 'HTTP 503' });
  });

  it('does not send a code late: one with under a minute left expires unsent', async () => {
    const id = await queueCode();
    clock.set('2026-03-02T02:09:01.000Z');

    expect((await relay().execute()).map((r) => r.result)).toEqual(['EXPIRED']);

    expect(receiver.received).toEqual([]);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'EXPIRED', attempts: 0 });
  });

  it('stops retrying a code once it has expired', async () => {
    const id = await queueCode();
    answering(503);
    await relay().execute();

    clock.set('2026-03-02T02:09:30.000Z');
    await relay().execute();

    expect(receiver.received).toHaveLength(1);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'EXPIRED', attempts: 1 });
  });

  it('sends a message once when two replicas read it at the same moment', async () => {
    const id = await queueCode();
    const replicaStore = openSqliteStore({ file: join(dir, 'notifications.db') });
    try {
      // Neither replica goes on to claim until both have read the message.
      let arrived = 0;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => (release = resolve));
      const reading = (queue: OutboundQueue): OutboundQueue => ({
        ...queue,
        async due(now, limit) {
          const found = await queue.due(now, limit);
          if (++arrived === 2) release();
          await bothRead;
          return found;
        },
      });

      const reports = await Promise.all([
        relay({ queue: reading(storeOutboundQueue(store)) }).execute(),
        relay({ queue: reading(storeOutboundQueue(replicaStore)) }).execute(),
      ]);

      expect(reports.flat().map((r) => r.result).sort()).toEqual(['CONFLICT', 'SENT']);
      expect(receiver.received).toHaveLength(1);
      expect(await stored(id)).toMatchObject({ deliveryStatus: 'SENT', attempts: 1 });
    } finally {
      await replicaStore.close();
    }
  });

  it('tries again, under the same key, a message whose sender died after claiming it', async () => {
    const id = await queueCode();
    const queue = storeOutboundQueue(store);
    const [found] = await queue.due(clock.now(), 1);
    // A replica claimed the message and died before it could record what happened.
    await queue.replace({ ...found!.value, attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + POLICY.claimMs).toISOString() }, found!.version);

    expect(await relay().execute()).toEqual([]);
    clock.advance(POLICY.claimMs);
    expect((await relay().execute()).map((r) => r.result)).toEqual(['SENT']);

    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([id]);
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'SENT', attempts: 2 });
  });

  it('sends the oldest first', async () => {
    const first = await queueCode();
    clock.advance(1_000);
    const second = await queueCode({ challengeId: '0195f000-0000-7000-8000-00000000c0df', destination: '13900000000' });

    await relay().execute();

    expect(receiver.received.map((r) => r.headers['idempotency-key'])).toEqual([first, second]);
  });

  it('leaves alone a message queued before delivery existed, which stays readable', async () => {
    const legacy: Message = {
      id: 'e-legacy:SMS',
      eventId: 'e-legacy',
      eventType: 'onewindow.identity.contact-verification.requested.v1',
      recipientId: 'u-applicant-zhang',
      caseId: '',
      caseNumber: '',
      channel: 'SMS',
      destination: { kind: 'mobile', value: '13912345678' },
      template: 'onewindow.identity.contact-verification.requested.v1',
      texts: { 'zh-CN': { title: 't', body: 'b' }, en: { title: 't', body: 'b' } },
      occurredAt: '2026-01-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    await store.collection<Message>(OUTBOUND).insert(legacy);

    expect(await relay().execute()).toEqual([]);

    expect(receiver.received).toEqual([]);
    expect(await stored(legacy.id)).toEqual(legacy);
  });
});
