import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentTraceparent, startTelemetry, stopTelemetry } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { EVENT_TYPES, TOPICS, toOutboxMessage } from '../src/catalog.js';
import { DLQ_HEADERS, PROCESSED_EVENTS, startConsumer, type ConsumerOptions, type ProcessedEvent } from '../src/consumer.js';
import { openEmbeddedBus } from '../src/embedded-bus.js';
import type { EventEnvelope } from '../src/envelope.js';
import type { BusMessage, Delivery, EventBus, Subscription } from '../src/port.js';
import { caseAcceptedEvent } from './fixtures.js';
import { capturingLogger, deliveredUpToMarkers, tempDir, testLogger, waitFor } from './helpers.js';

const dir = tempDir();
let fileSeq = 0;
const TOPIC = TOPICS.INTAKE_CASE;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

beforeAll(() => startTelemetry('events-test'));
afterAll(async () => {
  await stopTelemetry();
  dir.remove();
});

describe('startConsumer', () => {
  let bus: EventBus;
  let store: Store;
  const closing: Array<() => Promise<void>> = [];

  const setup = () => {
    bus = openEmbeddedBus({ file: dir.file(`consumer-${fileSeq++}.db`), logger: testLogger() });
    store = openSqliteStore({ file: ':memory:' });
    closing.push(() => bus.close(), () => store.close());
  };
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });

  const publishEvent = (event: EventEnvelope, headers: Record<string, string> = {}) => {
    const { topic, key, payload } = toOutboxMessage(event);
    return bus.publish([{ topic, key, value: payload, headers }]);
  };

  const dlq = async () => {
    const seen: Delivery[] = [];
    const subscription = await bus.subscribe({ group: 'dlq-reader', topics: [`${TOPIC}.dlq`], handler: async (d) => void seen.push(d) });
    closing.push(() => subscription.close());
    return seen;
  };

  const start = async (options: Partial<ConsumerOptions> & Pick<ConsumerOptions, 'handle'>): Promise<Subscription> => {
    const subscription = await startConsumer({
      bus,
      store,
      group: 'approval',
      topics: [TOPIC],
      logger: testLogger(),
      sleep: async () => undefined,
      ...options,
    });
    closing.push(() => subscription.close());
    return subscription;
  };

  it('hands a valid event to the handler with its typed data and records it as processed', async () => {
    setup();
    const handled: EventEnvelope[] = [];
    await start({ handle: async (event) => void handled.push(event) });
    const event = caseAcceptedEvent('case-1');

    await publishEvent(event);

    await waitFor('the event', () => handled.length === 1);
    expect(handled[0]).toEqual(event);
    const processed = store.collection<ProcessedEvent>(PROCESSED_EVENTS);
    await waitFor('the processed mark', async () => (await processed.get(`approval:${event.id}`)) !== null);
    expect((await processed.get(`approval:${event.id}`))?.value).toMatchObject({ group: 'approval', eventId: event.id, type: EVENT_TYPES.CASE_ACCEPTED });
  });

  it('writes the processed mark as a relaxed write: losing it to a power cut only means one more delivery', async () => {
    setup();
    const marks: (string | undefined)[] = [];
    const inner = store;
    store = {
      ...inner,
      collection: (spec) => {
        const collection = inner.collection(spec);
        if (spec.name !== PROCESSED_EVENTS.name) return collection;
        return { ...collection, insert: (value, events, options) => (marks.push(options?.durability), collection.insert(value, events, options)) };
      },
    } as Store;
    const handled: EventEnvelope[] = [];
    await start({ handle: async (event) => void handled.push(event) });

    await publishEvent(caseAcceptedEvent('case-relaxed'));

    await waitFor('the processed mark', () => marks.length === 1);
    expect(handled).toHaveLength(1);
    expect(marks).toEqual(['relaxed']);
  });

  it('retries a failing handler with exponential backoff and jitter, then dead-letters it with the reasons and moves on', async () => {
    setup();
    const deadLetters = await dlq();
    const sleeps: number[] = [];
    const attempts: string[] = [];
    const { logger, records } = capturingLogger();
    const poisoned = caseAcceptedEvent('case-1');
    const next = caseAcceptedEvent('case-1');
    await start({
      logger,
      maxAttempts: 4,
      backoffMs: 100,
      maxBackoffMs: 300,
      random: () => 0.5,
      sleep: async (ms) => void sleeps.push(ms),
      handle: async (event) => {
        attempts.push(event.id);
        if (event.id === poisoned.id) throw new Error('approval workflow not found for SCJG-XK-014');
      },
    });

    await publishEvent(poisoned, { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });
    await publishEvent(next);

    await waitFor('the next event after the dead letter', () => attempts.includes(next.id));
    await waitFor('the dead letter', () => deadLetters.length === 1);
    expect(attempts).toEqual([poisoned.id, poisoned.id, poisoned.id, poisoned.id, next.id]);
    // 100, 200, 400→capped 300; each scaled by 0.5 + 0.5·0.5
    expect(sleeps).toEqual([75, 150, 225]);
    const letter = deadLetters[0]!;
    expect(letter.value).toBe(toOutboxMessage(poisoned).payload);
    expect(letter.key).toBe('case-1');
    expect(letter.headers).toMatchObject({
      [DLQ_HEADERS.ERROR]: 'Error: approval workflow not found for SCJG-XK-014',
      [DLQ_HEADERS.ATTEMPTS]: '4',
      [DLQ_HEADERS.ORIGINAL_TOPIC]: TOPIC,
      [DLQ_HEADERS.GROUP]: 'approval',
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    });
    const messages = records().map((r) => r.msg);
    expect(messages.filter((m) => m === 'handler failed; retrying')).toHaveLength(3);
    expect(messages).toContain('handler failed on every attempt; dead-lettering');
    expect(await store.collection(PROCESSED_EVENTS).get(`approval:${poisoned.id}`)).toBeNull();
  });

  it('recovers when a retry succeeds, without dead-lettering', async () => {
    setup();
    const deadLetters = await dlq();
    let failures = 2;
    const handled: string[] = [];
    await start({
      handle: async (event) => {
        if (failures-- > 0) throw new Error('store briefly unavailable');
        handled.push(event.id);
      },
    });
    const event = caseAcceptedEvent();

    await publishEvent(event);

    await waitFor('the event', () => handled.length === 1);
    expect(await deliveredUpToMarkers(bus, `${TOPIC}.dlq`, [event.subject], () => deadLetters)).toEqual([]);
  });

  it.each([
    ['a body that is not JSON', '{"specversion":"1.0",'],
    ['an envelope without an id', JSON.stringify({ ...caseAcceptedEvent(), id: undefined })],
    ['catalogued data of the wrong shape', JSON.stringify({ ...caseAcceptedEvent(), data: { caseId: 'case-1' } })],
  ])('dead-letters %s at once, without calling the handler', async (_, value) => {
    setup();
    const deadLetters = await dlq();
    const handled: string[] = [];
    await start({ handle: async (event) => void handled.push(event.id) });

    await bus.publish([{ topic: TOPIC, key: 'case-1', value }]);

    await waitFor('the dead letter', () => deadLetters.length === 1);
    expect(deadLetters[0]!.value).toBe(value);
    expect(deadLetters[0]!.headers[DLQ_HEADERS.ATTEMPTS]).toBe('0');
    expect(deadLetters[0]!.headers[DLQ_HEADERS.ERROR]).toMatch(/^EVENT_(MALFORMED|INVALID)/);
    expect(handled).toEqual([]);
  });

  it('passes events of types the catalog does not know yet to the handler', async () => {
    setup();
    const handled: EventEnvelope[] = [];
    await start({ handle: async (event) => void handled.push(event) });
    const future = { ...caseAcceptedEvent(), type: 'onewindow.intake.case.accepted.v2', data: { anything: true } };

    await bus.publish([{ topic: TOPIC, key: 'case-1', value: JSON.stringify(future) }]);

    await waitFor('the event', () => handled.length === 1);
    expect(handled[0]!.data).toEqual({ anything: true });
  });

  it('passes over the types the group does not handle: no handler call, no marker, no dead letter', async () => {
    setup();
    const handled: string[] = [];
    const dead = await dlq();
    await start({ types: [EVENT_TYPES.CASE_ACCEPTED], handle: async (event) => void handled.push(event.id) });
    const other = (id: string) => ({ ...caseAcceptedEvent('case-1', id), type: EVENT_TYPES.CASE_CLOSED });
    const named = other('0198c2a0-0000-7000-8000-0000000000a1');
    const unnamed = other('0198c2a0-0000-7000-8000-0000000000a2');
    const wanted = caseAcceptedEvent('case-1');

    // Named in the relay's header, not even parsed (so not judged); unnamed, parsed then passed over.
    await bus.publish([{ topic: TOPIC, key: 'case-1', value: '{not json', headers: { 'ce-type': EVENT_TYPES.CASE_CLOSED } }]);
    await publishEvent(named, { 'ce-type': named.type });
    await publishEvent(unnamed);
    await publishEvent(wanted, { 'ce-type': wanted.type });

    await waitFor('the wanted event', () => handled.length === 1);
    expect(handled).toEqual([wanted.id]);
    const processed = store.collection<ProcessedEvent>(PROCESSED_EVENTS);
    expect(await processed.get(`approval:${named.id}`)).toBeNull();
    expect(await processed.get(`approval:${unnamed.id}`)).toBeNull();
    await waitFor('the wanted event’s mark', async () => (await processed.get(`approval:${wanted.id}`)) !== null);
    expect(await deliveredUpToMarkers(bus, `${TOPIC}.dlq`, ['case-1'], () => dead)).toEqual([]);
  });

  it('handles an event id once even when it is delivered twice', async () => {
    setup();
    const handled: string[] = [];
    await start({ handle: async (event) => void handled.push(event.id) });
    const event = caseAcceptedEvent();
    const other = caseAcceptedEvent();

    await publishEvent(event);
    await publishEvent(event);
    await publishEvent(other);

    await waitFor('the second event', () => handled.includes(other.id));
    expect(handled).toEqual([event.id, other.id]);
  });

  it('does not commit when even the dead-letter publish fails: the bus redelivers', async () => {
    setup();
    const deadLetters = await dlq();
    let dlqFailures = 1;
    const flaky: EventBus = {
      publish: async (messages: readonly BusMessage[]) => {
        if (messages.some((m) => m.topic.endsWith('.dlq')) && dlqFailures-- > 0) throw new Error('broker unavailable');
        return bus.publish(messages);
      },
      subscribe: (o) => bus.subscribe(o),
      ping: () => bus.ping(),
      close: () => bus.close(),
    };
    let calls = 0;
    await start({
      bus: flaky,
      maxAttempts: 1,
      handle: async () => {
        calls++;
        throw new Error('always fails');
      },
    });

    await bus.publish([{ topic: TOPIC, key: 'case-1', value: JSON.stringify(caseAcceptedEvent()) }]);

    await waitFor('the dead letter', () => deadLetters.length === 1);
    expect(calls).toBe(2);
  });

  it('closes promptly during a retry backoff, leaving the event to be redelivered', async () => {
    setup();
    const deadLetters = await dlq();
    const attempts: string[] = [];
    const first = await startConsumer({
      bus,
      store,
      group: 'approval',
      topics: [TOPIC],
      logger: testLogger(),
      backoffMs: 60_000,
      handle: async (event) => {
        attempts.push(event.id);
        throw new Error('dependency down');
      },
    });
    const event = caseAcceptedEvent();
    await publishEvent(event);
    await waitFor('the first attempt', () => attempts.length === 1);

    const started = Date.now();
    await first.close();

    expect(Date.now() - started).toBeLessThan(2_000);
    const handled: string[] = [];
    await start({ handle: async (e) => void handled.push(e.id) });
    await waitFor('the redelivery', () => handled.length === 1);
    expect(handled).toEqual([event.id]);
    expect(await deliveredUpToMarkers(bus, `${TOPIC}.dlq`, [event.subject], () => deadLetters)).toEqual([]);
  });

  it('continues the producer’s trace in the handler', async () => {
    setup();
    const traceIds: Array<string | undefined> = [];
    await start({ handle: async () => void traceIds.push(currentTraceparent()?.split('-')[1]) });
    const event = { ...caseAcceptedEvent(), traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` };

    await publishEvent(event, { traceparent: event.traceparent });

    await waitFor('the event', () => traceIds.length === 1);
    expect(traceIds).toEqual([TRACE_ID]);
  });
});
