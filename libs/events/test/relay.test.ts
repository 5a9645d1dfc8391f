import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type Outbox, type Store } from '@onewindow/store';
import { toOutboxMessage } from '../src/catalog.js';
import { startConsumer } from '../src/consumer.js';
import { openEmbeddedBus } from '../src/embedded-bus.js';
import type { BusMessage, Delivery, EventBus } from '../src/port.js';
import { startOutboxRelay, type OutboxRelay } from '../src/relay.js';
import { caseAcceptedEvent } from './fixtures.js';
import { capturingLogger, tempDir, testLogger, waitFor } from './helpers.js';

const dir = tempDir();
afterAll(() => dir.remove());
let fileSeq = 0;

interface CaseDoc {
  readonly id: string;
  readonly status: string;
}

describe('startOutboxRelay', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  const setup = () => {
    const bus = openEmbeddedBus({ file: dir.file(`relay-${fileSeq++}.db`), logger: testLogger() });
    const store = openSqliteStore({ file: ':memory:' });
    cleanup.push(() => bus.close(), () => store.close());
    return { bus, store };
  };

  const relay = (options: Parameters<typeof startOutboxRelay>[0]): OutboxRelay => {
    const started = startOutboxRelay(options);
    cleanup.push(() => started.stop());
    return started;
  };

  /** Accepts a case the way a use case does: the change and its event in one write. */
  const acceptCase = async (store: Store, docId: string, caseId = docId) => {
    const event = { ...caseAcceptedEvent(caseId), traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' };
    await store.collection<CaseDoc>({ name: 'cases' }).insert({ id: docId, status: 'ACCEPTED' }, [toOutboxMessage(event)]);
    return event;
  };

  const record = async (bus: EventBus, topic: string) => {
    const seen: Delivery[] = [];
    await bus.subscribe({ group: 'reader', topics: [topic], handler: async (d) => void seen.push(d) });
    return seen;
  };

  it('publishes pending entries in order with their CloudEvents headers and marks them published', async () => {
    const { bus, store } = setup();
    // A store that announces no write, so that only drain() relays what follows.
    const unannounced: Store = { ...store, outbox: { ...store.outbox, watch: () => () => undefined }, collection: store.collection.bind(store) };
    const relayer = relay({ store: unannounced, bus, logger: testLogger(), intervalMs: 1_000_000 });
    expect(await relayer.drain()).toBe(0); // the loop's first round found nothing and now sleeps
    // One case key, so the three events share a partition and their order is observable.
    const events = [await acceptCase(store, 'doc-1', 'case-1'), await acceptCase(store, 'doc-2', 'case-1'), await acceptCase(store, 'doc-3', 'case-1')];
    const seen = await record(bus, toOutboxMessage(events[0]!).topic);

    const relayed = await relayer.drain();

    expect(relayed).toBe(3);
    expect(await store.outbox.pending(10)).toEqual([]);
    await waitFor('three deliveries', () => seen.length === 3);
    expect(seen.map((d) => [d.key, d.value])).toEqual(events.map((e) => [e.subject, JSON.stringify(e)]));
    expect(seen[0]!.headers).toEqual({
      'ce-id': events[0]!.id,
      'ce-type': 'onewindow.intake.case.accepted.v1',
      traceparent: events[0]!.traceparent,
    });
  });

  it('relays in the background, in batches', async () => {
    const { bus, store } = setup();
    for (let i = 0; i < 7; i++) await acceptCase(store, `case-${i}`);
    const seen = await record(bus, 'onewindow.intake.case.v1');

    const relayer = relay({ store, bus, logger: testLogger(), intervalMs: 5, batchSize: 2 });

    await waitFor('seven deliveries', () => seen.length === 7);
    // A delivery can arrive before its round marks the batch published; stopping waits for that round.
    await relayer.stop();
    expect(await store.outbox.pending(10)).toEqual([]);
    expect(seen).toHaveLength(7);
  });

  it('relays a committed write at once, not at its next look, even while a round is running', async () => {
    const { bus, store } = setup();
    const seen = await record(bus, 'onewindow.intake.case.v1');
    // An hour between looks: only the store's announcement of the write can start a round in time.
    const relayer = relay({ store, bus, logger: testLogger(), intervalMs: 3_600_000 });
    expect(await relayer.drain()).toBe(0);

    await acceptCase(store, 'case-1');
    await waitFor('the first delivery', () => seen.length === 1);
    // Written while the round for case-1 may still be marking it published.
    await acceptCase(store, 'case-2');
    await waitFor('the second delivery', () => seen.length === 2);
    await relayer.stop();
    expect(await store.outbox.pending(10)).toEqual([]);
  });

  it('leaves entries pending when publishing fails, logs it, and sends them on a later round', async () => {
    const { bus, store } = setup();
    await acceptCase(store, 'case-1');
    const seen = await record(bus, 'onewindow.intake.case.v1');
    let failuresLeft = 2;
    const pendingAtFailure: number[] = [];
    const flaky: EventBus = {
      ...bus,
      publish: async (messages: readonly BusMessage[]) => {
        if (failuresLeft-- > 0) {
          pendingAtFailure.push((await store.outbox.pending(10)).length);
          throw new Error('broker unavailable');
        }
        return bus.publish(messages);
      },
    };
    const { logger, records } = capturingLogger();

    relay({ store, bus: flaky, logger, intervalMs: 5 });

    await waitFor('the delivery', () => seen.length === 1);
    expect(pendingAtFailure).toEqual([1, 1]);
    expect(records().filter((r) => r.msg === 'outbox relay failed; entries stay pending')).toHaveLength(2);
    await waitFor('the entry marked published', async () => (await store.outbox.pending(10)).length === 0);
  });

  it('republishes after a crash between publish and mark; the consumer still applies the event once', async () => {
    const { bus, store } = setup();
    const event = await acceptCase(store, 'case-1');
    const crashOnce: Outbox = {
      pending: (limit) => store.outbox.pending(limit),
      markPublished: async () => {
        throw new Error('process killed before markPublished');
      },
      watch: (listener) => store.outbox.watch(listener),
    };
    const crashed = relay({ store: { ...store, outbox: crashOnce, collection: store.collection.bind(store) }, bus, logger: testLogger(), intervalMs: 1_000_000 });
    await expect(crashed.drain()).rejects.toThrow('process killed');
    await crashed.stop();
    const consumerStore = openSqliteStore({ file: ':memory:' });
    cleanup.push(() => consumerStore.close());
    const applied: string[] = [];
    await startConsumer({
      bus,
      store: consumerStore,
      group: 'certificate',
      topics: ['onewindow.intake.case.v1'],
      logger: testLogger(),
      handle: async (e) => void applied.push(e.id),
    }).then((s) => cleanup.push(() => s.close()));

    const restarted = relay({ store, bus, logger: testLogger(), intervalMs: 1_000_000 });
    await restarted.drain();
    expect(await store.outbox.pending(10)).toEqual([]);

    const delivered: Delivery[] = [];
    await bus.subscribe({ group: 'audit', topics: ['onewindow.intake.case.v1'], handler: async (d) => void delivered.push(d) });
    // A marker behind every copy on their key (so their partition) reaches each group only after it has passed them.
    const marker = caseAcceptedEvent(event.subject);
    const { topic, key, payload } = toOutboxMessage(marker);
    await bus.publish([{ topic, key, value: payload }]);
    await waitFor('the marker in both groups', () => applied.includes(marker.id) && delivered.some((d) => d.value === payload));
    // The crashed relay's loop and its drain() each published before failing to mark, then the restarted relay once more.
    expect(delivered.filter((d) => d.value !== payload).map((d) => d.headers['ce-id'])).toEqual([event.id, event.id, event.id]);
    expect(applied).toEqual([event.id, marker.id]);
  });
});
