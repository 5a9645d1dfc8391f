// No loss when the broker dies mid-stream: a broker of this test's own is
// killed (SIGKILL, no controlled shutdown) and started again on the same data
// while the outbox keeps filling. The outbox relay and a consumer group run
// through it all, exactly as a service runs them; afterwards every event has
// taken effect exactly once, in order per key.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { openKafkaBus, startConsumer, startOutboxRelay, type EventBus, type EventEnvelope, type OutboxRelay, type Subscription } from '@onewindow/events';
import { startServer, type ServerHandle } from '../../scripts/infra/servers.mjs';
import { caseAcceptedEvent } from '../../libs/events/test/fixtures.js';
import { CLUSTER_PORTS } from './ports.js';

const cluster = inject('cluster');
const logger = createLogger({ service: 'kafka-restart-it', level: process.env['ONEWINDOW_TEST_LOG_LEVEL'] ?? 'silent' });
const log = (line: string) => console.log(`[kafka-restart] ${line}`);

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe('Kafka: no loss when the broker restarts mid-stream', () => {
  let broker: ServerHandle | undefined;
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await broker?.stop();
  });

  it('relays and consumes every event exactly once, in order per case, across a broker crash', async () => {
    broker = await startServer('kafka', {
      instance: 'test-kafka-restart',
      port: CLUSTER_PORTS.kafkaRestart,
      dataDir: join(cluster.dataDir, 'kafka-restart'),
      fresh: true,
      ifRunning: 'restart',
      log: () => undefined,
    });
    const bus: EventBus = await openKafkaBus({ brokers: [broker.brokers ?? ''], clientId: 'restart-it', partitions: 3, logger });
    closers.push(() => bus.close());
    const outboxStore: Store = openSqliteStore({ file: ':memory:' });
    const consumerStore: Store = openSqliteStore({ file: ':memory:' });
    closers.push(async () => {
      await outboxStore.close();
      await consumerStore.close();
    });
    const topic = `it.${randomUUID().slice(0, 8)}.case`;
    const handled: EventEnvelope[] = [];
    const consumer: Subscription = await startConsumer({
      bus,
      store: consumerStore,
      group: `${topic}.approval`,
      topics: [topic],
      logger,
      maxAttempts: 1_000,
      backoffMs: 50,
      maxBackoffMs: 1_000,
      handle: async (event) => void handled.push(event),
    });
    closers.push(() => consumer.close());
    const relay: OutboxRelay = startOutboxRelay({ store: outboxStore, bus, logger, maxBackoffMs: 1_000 });
    closers.push(() => relay.stop());

    const cases = outboxStore.collection<{ id: string }>({ name: 'cases' });
    const written: EventEnvelope[] = [];
    const TOTAL = 400;
    const write = async (from: number, to: number, pauseMs: number) => {
      for (let i = from; i < to; i++) {
        const event = caseAcceptedEvent(`case-${i % 7}`);
        written.push(event);
        await cases.insert({ id: `doc-${i}` }, [{ id: event.id, topic, key: event.subject, payload: JSON.stringify(event) }]);
        if (pauseMs) await sleep(pauseMs);
      }
    };

    await write(0, 150, 0);
    await until('the consumer to be mid-stream', () => handled.length >= 50, 60_000);
    // Keep writing while the broker dies and comes back: the relay must hold
    // what it cannot publish and the consumer must resume from its offsets.
    const writing = write(150, TOTAL, 20);
    await sleep(300);
    const [handledAtCrash, writtenAtCrash] = [handled.length, written.length];
    const crashAt = Date.now();
    broker = await broker.restart({ crash: true });
    log(`broker killed when ${writtenAtCrash} events were written and ${handledAtCrash} handled; back after ${Date.now() - crashAt} ms, ${written.length} written by then`);
    expect(handledAtCrash).toBeLessThan(TOTAL);
    await writing;
    await until(`all ${TOTAL} events handled (have ${handled.length})`, () => handled.length >= TOTAL, 90_000);
    await until('the outbox to empty', async () => (await outboxStore.outbox.pending(10)).length === 0, 30_000);
    // Let any duplicate the relay or the broker produced arrive: the consumer must drop it.
    await sleep(2_000);

    expect(handled.length).toBe(TOTAL);
    expect(new Set(handled.map((e) => e.id)).size).toBe(TOTAL);
    expect(new Set(handled.map((e) => e.id))).toEqual(new Set(written.map((e) => e.id)));
    const order = (events: EventEnvelope[]) => {
      const byKey = new Map<string, string[]>();
      for (const e of events) byKey.set(e.subject, [...(byKey.get(e.subject) ?? []), e.id]);
      return byKey;
    };
    expect(order(handled)).toEqual(order(written));
    expect(await broker.probe()).toBeTruthy();
  });
});
