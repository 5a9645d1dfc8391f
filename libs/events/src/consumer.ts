import { setTimeout as delay } from 'node:timers/promises';
import { extractTraceContext, isDomainError, jitteredBackoffMs, systemClock, withSpan, type Clock, type Logger } from '@onewindow/kernel';
import { STORE_DUPLICATE, type Collection, type Store } from '@onewindow/store';
import { isEventType, parseEventData } from './catalog.js';
import { parseEnvelope, type EventEnvelope } from './envelope.js';
import type { Delivery, EventBus, Subscription } from './port.js';
import { CE_HEADERS } from './relay.js';

export interface ConsumerOptions {
  readonly bus: EventBus;
  /** The consuming service's own store: it remembers which events this group has handled. */
  readonly store: Store;
  readonly group: string;
  readonly topics: readonly string[];
  /**
   * The event types this group handles. Others on its topics are passed over
   * without a handler call, a dedupe read or a marker write (a topic carries
   * many types; most groups want one or two). Omitted: every type.
   */
  readonly types?: readonly string[];
  readonly logger: Logger;
  /** Must be idempotent: an event can still arrive twice if the process dies before it is marked handled. */
  readonly handle: (event: EventEnvelope, delivery: Delivery) => Promise<void>;
  readonly maxAttempts?: number;
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  readonly random?: () => number;
  readonly clock?: Clock;
}

/** What a service declares for each of its consumer groups; the runtime starts each with `startConsumer`. */
export type ConsumerSpec = Pick<ConsumerOptions, 'group' | 'topics' | 'types' | 'handle'>;

/** One row per (group, event id) handled: `${group}:${event.id}`. */
export interface ProcessedEvent {
  readonly id: string;
  readonly group: string;
  readonly eventId: string;
  readonly type: string;
  readonly processedAt: string;
}

export const PROCESSED_EVENTS = { name: 'processed_events' } as const;

export const DLQ_SUFFIX = '.dlq';
export const DLQ_HEADERS = {
  ERROR: 'x-error',
  ATTEMPTS: 'x-attempts',
  ORIGINAL_TOPIC: 'x-original-topic',
  GROUP: 'x-group',
} as const;

const MAX_ERROR_HEADER = 2_000;

/**
 * Runs a service's handler for a consumer group with the platform's rules:
 * malformed messages go to `<topic>.dlq` at once; events this group already
 * handled are skipped; a failing handler is retried with exponential backoff
 * and jitter, then dead-lettered, and only then does the offset move on.
 * If even the dead-letter publish fails, the delivery fails and the bus
 * redelivers it: nothing is dropped silently.
 */
export async function startConsumer(options: ConsumerOptions): Promise<Subscription> {
  const consumer = new EventConsumer(options);
  const subscription = await options.bus.subscribe({
    group: options.group,
    topics: options.topics,
    handler: (d) => consumer.deliver(d),
  });
  return {
    async close() {
      // Cut a retry backoff short: the event is not committed and is redelivered after restart.
      consumer.stop();
      await subscription.close();
    },
  };
}

class EventConsumer {
  readonly #options: ConsumerOptions;
  readonly #logger: Logger;
  readonly #processed: Collection<ProcessedEvent>;
  readonly #maxAttempts: number;
  readonly #types: ReadonlySet<string> | null;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #stopping = new AbortController();

  constructor(options: ConsumerOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: 'event-consumer', group: options.group });
    this.#processed = options.store.collection<ProcessedEvent>(PROCESSED_EVENTS);
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.#types = options.types ? new Set(options.types) : null;
    this.#sleep = options.sleep ?? ((ms) => delay(ms, undefined, { signal: this.#stopping.signal }).catch(() => undefined));
  }

  stop(): void {
    this.#stopping.abort();
  }

  async deliver(delivery: Delivery): Promise<void> {
    // The relay names the type in a header: an event of another type is passed over before it is even parsed.
    const announced = delivery.headers[CE_HEADERS.TYPE];
    if (announced !== undefined && !this.#wants(announced)) return;
    let event: EventEnvelope | null;
    try {
      event = decode(delivery.value, (type) => this.#wants(type));
    } catch (err) {
      this.#logger.error({ err, topic: delivery.topic, offset: delivery.offset }, 'malformed event; dead-lettering');
      await this.#deadLetter(delivery, err, 0);
      return;
    }
    if (event === null) return;
    const traceparent = delivery.headers['traceparent'] ?? event.traceparent;
    const parent = extractTraceContext({ ...delivery.headers, ...(traceparent ? { traceparent } : {}) });
    await withSpan(`${delivery.topic} process`, parent, async (span) => {
      span.setAttributes({
        'messaging.system': 'onewindow',
        'messaging.destination.name': delivery.topic,
        'messaging.consumer.group.name': this.#options.group,
        'messaging.message.id': event.id,
        'cloudevents.event_type': event.type,
      });
      await this.#handleOnce(event, delivery);
    });
  }

  #wants(type: string): boolean {
    return this.#types === null || this.#types.has(type);
  }

  async #handleOnce(event: EventEnvelope, delivery: Delivery): Promise<void> {
    const id = `${this.#options.group}:${event.id}`;
    const log = this.#logger.child({ eventId: event.id, type: event.type, topic: delivery.topic, offset: delivery.offset });
    if (await this.#processed.get(id)) {
      log.debug('event already handled by this group; skipping');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#options.handle(event, delivery);
        break;
      } catch (err) {
        if (attempt >= this.#maxAttempts) {
          log.error({ err, attempts: attempt }, 'handler failed on every attempt; dead-lettering');
          await this.#deadLetter(delivery, err, attempt);
          return;
        }
        const wait = this.#backoff(attempt);
        log.warn({ err, attempt, retryInMs: wait }, 'handler failed; retrying');
        await this.#sleep(wait);
        if (this.#stopping.signal.aborted) {
          log.info({ attempts: attempt }, 'consumer closing; the event stays uncommitted and is redelivered');
          throw new Error('consumer closed while retrying', { cause: err });
        }
      }
    }
    await this.#markProcessed(id, event);
  }

  #backoff(attempt: number): number {
    return jitteredBackoffMs(attempt, this.#options.backoffMs ?? 100, this.#options.maxBackoffMs ?? 5_000, this.#options.random);
  }

  async #markProcessed(id: string, event: EventEnvelope): Promise<void> {
    const clock = this.#options.clock ?? systemClock;
    try {
      // Relaxed: a marker a power cut undoes only means one more delivery, which the handler takes idempotently.
      await this.#processed.insert(
        { id, group: this.#options.group, eventId: event.id, type: event.type, processedAt: clock.now().toISOString() },
        [],
        { durability: 'relaxed' },
      );
    } catch (err) {
      // Another member handled the same event concurrently (a rebalance): already done.
      if (isDomainError(err) && err.code === STORE_DUPLICATE) return;
      throw err;
    }
  }

  async #deadLetter(delivery: Delivery, err: unknown, attempts: number): Promise<void> {
    await this.#options.bus.publish([
      {
        topic: `${delivery.topic}${DLQ_SUFFIX}`,
        key: delivery.key,
        value: delivery.value,
        headers: {
          ...delivery.headers,
          [DLQ_HEADERS.ERROR]: describe(err).slice(0, MAX_ERROR_HEADER),
          [DLQ_HEADERS.ATTEMPTS]: String(attempts),
          [DLQ_HEADERS.ORIGINAL_TOPIC]: delivery.topic,
          [DLQ_HEADERS.GROUP]: this.#options.group,
        },
      },
    ]);
  }
}

/**
 * Envelope, then `data` for catalogued types. Null for a type the group does
 * not handle: its data is not this group's to judge, nor to dead-letter.
 * Unknown types pass through: a topic may gain new types (or versions)
 * before every consumer knows them.
 */
function decode(value: string, wanted: (type: string) => boolean): EventEnvelope | null {
  const envelope = parseEnvelope(value);
  if (!wanted(envelope.type)) return null;
  if (!isEventType(envelope.type)) return envelope;
  return { ...envelope, data: parseEventData(envelope.type, envelope.data) };
}

function describe(err: unknown): string {
  if (isDomainError(err)) {
    const details = err.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; ');
    return `${err.code}: ${err.message}${details ? ` (${details})` : ''}`;
  }
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
