import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, type Store } from '@onewindow/store';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { toOutboxMessage } from '../src/catalog.js';
import { startConsumer } from '../src/consumer.js';
import { openEmbeddedBus } from '../src/embedded-bus.js';
import type { EventBus, Subscription } from '../src/port.js';
import { startOutboxRelay } from '../src/relay.js';
import { caseAcceptedEvent } from './fixtures.js';
import { tempDir, testLogger, waitFor } from './helpers.js';

const NODE = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
const WRITER = fileURLToPath(new URL('./fixtures/outbox-writer.mjs', import.meta.url));
const dir = tempDir('onewindow-outbox-crash-');
afterAll(() => dir.remove());

/** Runs the writer until it kills itself; returns what it printed. */
function runWriter(storeFile: string, busFile: string, mode: string, event: unknown): Promise<{ lines: string[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [WRITER, storeFile, busFile, mode, JSON.stringify(event)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal ? resolve({ lines: out.split('\n').filter(Boolean), signal }) : reject(new Error(`writer exited without being killed: ${err}`))));
  });
}

describe('outbox: a process killed between commit and publish', () => {
  const open: { store?: Store; bus?: EventBus; subs: Subscription[]; relay?: { stop(): Promise<void> } } = { subs: [] };
  afterEach(async () => {
    await open.relay?.stop();
    for (const s of open.subs.splice(0)) await s.close();
    await open.bus?.close();
    await open.store?.close();
  });

  it.each([
    ['before-publish', ['committed'], 1],
    ['after-publish', ['committed', 'published'], 2],
  ] as const)('killed %s: after restart the event goes out and takes effect exactly once', async (mode, printed, deliveries) => {
    const storeFile = dir.file(`${mode}.db`);
    const busFile = dir.file(`${mode}-bus.db`);
    const event = caseAcceptedEvent(`case-${mode}`);

    const writer = await runWriter(storeFile, busFile, mode, event);
    expect(writer.signal).toBe('SIGKILL');
    expect(writer.lines).toEqual(printed);

    // The restarted process: same files, a relay, and a consumer group.
    const logger = testLogger();
    open.store = openSqliteStore({ file: storeFile });
    open.bus = openEmbeddedBus({ file: busFile, logger });
    const handled: string[] = [];
    const raw: string[] = [];
    open.subs.push(await open.bus.subscribe({ group: 'raw-observer', topics: ['onewindow.intake.case.v1'], handler: async (d) => void raw.push(d.value) }));
    open.subs.push(await startConsumer({ bus: open.bus, store: open.store, group: 'approval', topics: ['onewindow.intake.case.v1'], logger, handle: async (e) => void handled.push(e.id) }));
    open.relay = startOutboxRelay({ store: open.store, bus: open.bus, logger });

    await waitFor('the event to be handled', () => handled.length > 0);
    await waitFor('the outbox to drain', async () => (await open.store!.outbox.pending(10)).length === 0);
    await waitFor('every delivery', () => raw.length >= deliveries);
    // The outbox is drained, so every copy is on the bus: a marker behind them on their key (so their partition) reaches each group after them.
    const marker = caseAcceptedEvent(event.subject);
    const { topic, key, payload } = toOutboxMessage(marker);
    await open.bus.publish([{ topic, key, value: payload }]);
    await waitFor('the marker in both groups', () => raw.includes(payload) && handled.includes(marker.id));
    expect(raw.filter((value) => value !== payload)).toHaveLength(deliveries); // published once, or twice when the mark was lost
    expect(handled).toEqual([event.id, marker.id]); // but applied exactly once
  });
});
