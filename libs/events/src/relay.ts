import { startRounds, type Logger } from '@onewindow/kernel';
import type { OutboxEntry, Store } from '@onewindow/store';
import type { BusMessage, EventBus } from './port.js';

export interface OutboxRelayOptions {
  readonly store: Store;
  readonly bus: EventBus;
  readonly logger: Logger;
  /**
   * Wait after a round that found nothing, unless a write through the store
   * adds entries first (`Outbox.watch`): the look-again for entries written
   * by other processes, or left by a crash.
   */
  readonly intervalMs?: number;
  readonly batchSize?: number;
  /** Longest wait after consecutive failures (the wait doubles from intervalMs). */
  readonly maxBackoffMs?: number;
}

export interface OutboxRelay {
  /** Stops the loop after the round in flight. */
  stop(): Promise<void>;
  /** Relays everything pending now, in rounds, and returns how many entries went out. */
  drain(): Promise<number>;
}

/**
 * Moves committed outbox entries to the bus: `pending` → `publish` →
 * `markPublished`, oldest first, so each case's events keep their order.
 * A write that adds entries starts a round at once; an idle relay does not
 * query the store every few milliseconds.
 *
 * Delivery guarantee: at least once. A crash between `publish` and
 * `markPublished` publishes the same entries again after restart (same event
 * id). Consumers skip an event id their group has already handled
 * (`startConsumer`), so each event takes effect exactly once: the
 * exactly-once effect comes from outbox + idempotent consumers, not from the
 * bus.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 200;
  const rounds = startRounds({
    round: () => relayBatch(options.store, options.bus, batchSize),
    size: (relayed) => relayed,
    batchSize,
    intervalMs: options.intervalMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 5_000,
    logger: options.logger.child({ component: 'outbox-relay' }),
    failure: 'outbox relay failed; entries stay pending',
  });
  const unwatch = options.store.outbox.watch(() => rounds.nudge());
  return {
    stop: () => {
      unwatch();
      return rounds.stop();
    },
    drain: async () => (await rounds.drain()).reduce((total, relayed) => total + relayed, 0),
  };
}

async function relayBatch(store: Store, bus: EventBus, batchSize: number): Promise<number> {
  const entries = await store.outbox.pending(batchSize);
  if (entries.length === 0) return 0;
  await bus.publish(entries.map(toBusMessage));
  await store.outbox.markPublished(entries);
  return entries.length;
}

/** The CloudEvents fields the relay copies into each message's headers, so a consumer can tell an event without parsing it. */
export const CE_HEADERS = { ID: 'ce-id', TYPE: 'ce-type' } as const;

function toBusMessage(entry: OutboxEntry): BusMessage {
  const headers: Record<string, string> = { [CE_HEADERS.ID]: entry.id };
  const envelope = peek(entry.payload);
  if (typeof envelope['type'] === 'string') headers[CE_HEADERS.TYPE] = envelope['type'];
  if (typeof envelope['traceparent'] === 'string') headers['traceparent'] = envelope['traceparent'];
  return { topic: entry.topic, key: entry.key, value: entry.payload, headers };
}

/**
 * Reads the headers' source fields without judging the payload: an entry that
 * is not valid JSON is still relayed, and the consumer dead-letters it,
 * rather than blocking every entry behind it.
 */
function peek(payload: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(payload);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
