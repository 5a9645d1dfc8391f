import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, ManualClock } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Notify } from '../app/notify.js';
import type { OutboundMessage } from '../domain/delivery.js';
import { codeRequestedEvent } from '../testing/fixtures.js';
import { startReceiver } from '../testing/receiver.js';
import { OUTBOUND, outboundChannel } from './outbound.js';
import { startOutboundDelivery } from './outbound-relay.js';

const SECRET = 'a-webhook-secret-of-at-least-32-characters';

let dir: string;
let store: Store;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let logs: string[];
const clock = new ManualClock('2026-03-02T02:00:01.000Z');
const logger = () => createLogger({ service: 'notifications-test', level: 'info', destination: { write: (line: string) => void logs.push(line) } });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'notifications-relay-'));
  store = openSqliteStore({ file: join(dir, 'notifications.db') });
  receiver = await startReceiver();
  logs = [];
});

afterEach(async () => {
  await receiver.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const queueCode = async () => (await new Notify([outboundChannel(store, 'SMS')], clock).execute(codeRequestedEvent()))[0]!.messageId;
const status = async (id: string) => (await store.collection<OutboundMessage>(OUTBOUND).get(id))?.value.deliveryStatus;

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('not reached in 2 s');
}

describe('the outbound relay loop', () => {
  it('delivers what is queued while it runs, logs by message id without the text, and stops cleanly', async () => {
    const relay = startOutboundDelivery({ webhook: { url: receiver.url, secret: SECRET, timeoutMs: 1_000 }, store, clock, logger: logger(), intervalMs: 10 });
    try {
      const id = await queueCode();

      await until(async () => (await status(id)) === 'SENT');
      // The round logs its reports after writing them; stopping waits for that round.
      await relay?.stop();

      expect(receiver.received).toHaveLength(1);
      expect(logs.join('\n')).toContain(id);
      expect(logs.join('\n')).not.toContain('048213');
      expect(logs.join('\n')).not.toContain('13912345678');
    } finally {
      await relay?.stop();
    }
  });

  it('sends a message as soon as it is queued, not at its next look', async () => {
    const relay = startOutboundDelivery({ webhook: { url: receiver.url, secret: SECRET, timeoutMs: 1_000 }, store, clock, logger: logger(), intervalMs: 3_600_000 });
    try {
      // The first round finds nothing; the next look is an hour away.
      expect(await relay?.drain()).toEqual([]);
      const [queuedNow] = await new Notify([outboundChannel(store, 'SMS', () => relay?.nudge())], clock).execute(codeRequestedEvent());

      await until(async () => (await status(queuedNow!.messageId)) === 'SENT');
      expect(receiver.received).toHaveLength(1);
    } finally {
      await relay?.stop();
    }
  });

  it('leaves nothing running once stopped, even mid-wait', async () => {
    const relay = startOutboundDelivery({ webhook: { url: receiver.url, secret: SECRET, timeoutMs: 1_000 }, store, clock, logger: logger(), intervalMs: 3_600_000 });
    await new Promise((resolve) => setTimeout(resolve, 20));

    await relay?.stop();
    const id = await queueCode();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(receiver.received).toEqual([]);
    expect(await status(id)).toBe('PENDING');
  });

  it('sends nothing without a webhook: every message stays PENDING', async () => {
    const id = await queueCode();

    const relay = startOutboundDelivery({ webhook: null, store, clock, logger: logger(), intervalMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(relay).toBeNull();
    expect(receiver.received).toEqual([]);
    expect(await status(id)).toBe('PENDING');
  });
});
