import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '@onewindow/store';
import { DLQ_HEADERS, startConsumer } from '../src/consumer.js';
import type { EventEnvelope } from '../src/envelope.js';
import { openKafkaBus } from '../src/kafka-bus.js';
import type { Delivery, EventBus } from '../src/port.js';
import { startOutboxRelay } from '../src/relay.js';
import { describeBusContract } from './bus-contract.js';
import { caseAcceptedEvent } from './fixtures.js';
import { testLogger, waitFor } from './helpers.js';

// A real broker, e.g. ONEWINDOW_TEST_KAFKA_BROKERS=127.0.0.1:9092. Every test
// uses fresh topic and group names, so the broker can be reused between runs.
const brokers = process.env['ONEWINDOW_TEST_KAFKA_BROKERS']?.split(',').filter(Boolean) ?? [];
const open = () => openKafkaBus({ brokers, clientId: 'onewindow-events-it', partitions: 4, logger: testLogger() });

if (brokers.length > 0) {
  describeBusContract(`kafka (${brokers.join(',')})`, open, 45_000);

  describe('outbox relay and consumer over Kafka', () => {
    let bus: EventBus;
    const cleanup: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const close of cleanup.reverse()) await close();
    });

    it('relays outbox entries, dead-letters a poison event with its reasons and handles a duplicate once', async () => {
      bus = await open();
      cleanup.push(() => bus.close());
      const store = openSqliteStore({ file: ':memory:' });
      cleanup.push(() => store.close());
      const topic = `it.${randomUUID().slice(0, 8)}.case`;
      const poison = caseAcceptedEvent('case-1');
      const good = caseAcceptedEvent('case-1');
      const cases = store.collection<{ id: string }>({ name: 'cases' });
      const marker = caseAcceptedEvent('case-1');
      for (const [doc, event] of [['doc-1', poison], ['doc-2', good]] as const) {
        await cases.insert({ id: doc }, [{ id: event.id, topic, key: event.subject, payload: JSON.stringify(event) }]);
      }
      const deadLetters: Delivery[] = [];
      const dlq = await bus.subscribe({ group: `${topic}.dlq-reader`, topics: [`${topic}.dlq`], handler: async (d) => void deadLetters.push(d) });
      cleanup.push(() => dlq.close());
      const handled: EventEnvelope[] = [];
      const consumer = await startConsumer({
        bus,
        store,
        group: `${topic}.certificate`,
        topics: [topic],
        logger: testLogger(),
        maxAttempts: 3,
        backoffMs: 1,
        handle: async (event) => {
          if (event.id === poison.id) throw new Error('no licence template for FOOD_BUSINESS_LICENCE');
          handled.push(event);
        },
      });
      cleanup.push(() => consumer.close());
      const relay = startOutboxRelay({ store, bus, logger: testLogger() });
      cleanup.push(() => relay.stop());

      await waitFor('the outbox to empty', async () => (await store.outbox.pending(10)).length === 0, 30_000);
      await waitFor('the dead letter and the good event', () => deadLetters.length === 1 && handled.length === 1, 30_000);
      // A relay that crashed before markPublished sends the same event again; the marker shows it was consumed.
      await bus.publish([good, marker].map((e) => ({ topic, key: e.subject, value: JSON.stringify(e) })));
      await waitFor('the marker', () => handled.some((e) => e.id === marker.id), 30_000);

      expect(handled.map((e) => e.id)).toEqual([good.id, marker.id]);
      expect(deadLetters[0]!.value).toBe(JSON.stringify(poison));
      expect(deadLetters[0]!.headers).toMatchObject({
        [DLQ_HEADERS.ATTEMPTS]: '3',
        [DLQ_HEADERS.ORIGINAL_TOPIC]: topic,
        [DLQ_HEADERS.GROUP]: `${topic}.certificate`,
        'ce-id': poison.id,
        'ce-type': poison.type,
      });
      expect(deadLetters[0]!.headers[DLQ_HEADERS.ERROR]).toContain('no licence template');
    });
  });
} else {
  describe.skip('EventBus contract: kafka (set ONEWINDOW_TEST_KAFKA_BROKERS to run)', () => {
    it('runs against a real broker', () => undefined);
  });
}
