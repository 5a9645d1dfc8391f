import { setTimeout as delay } from 'node:timers/promises';
import {
  Consumer,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  stringDeserializers,
  type GroupAssignment,
  type Message,
  type MessagesStream,
} from '@platformatic/kafka';
import type { Logger } from '@onewindow/kernel';
import type { Delivery, SubscribeOptions, Subscription } from './port.js';

export interface KafkaConsumerSettings {
  readonly clientId: string;
  readonly brokers: string[];
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly maxWaitTimeMs: number;
  readonly logger: Logger;
}

type KafkaMessage = Message<string, string, string, string>;
type Stream = MessagesStream<string, string, string, string>;

interface Queued {
  readonly message: KafkaMessage;
  readonly stream: Stream;
}

/** What this member holds of one partition since it was (last) assigned. */
interface PartitionState {
  queue: Queued[];
  /** Highest offset queued in this assignment: a rejoin refetches from the committed offset, copies are dropped. */
  highest: bigint | undefined;
  /** Bumped when the partition is revoked, so an in-flight delivery does not commit for the next owner. */
  epoch: number;
  draining: boolean;
}

/** Pause fetching above this many undelivered messages; resume below half of it. */
const MAX_BUFFERED = 1_000;
const REDELIVERY_MIN_MS = 100;
const REDELIVERY_MAX_MS = 5_000;
const RESTART_DELAY_MS = 1_000;

/**
 * One consumer group member. The client merges every assigned partition into
 * one stream; this class splits it again into one ordered queue per
 * partition, so partitions progress in parallel while each delivers one
 * message at a time.
 *
 * Redelivery: when the handler throws, the message stays at the head of its
 * partition's queue and is handed to the handler again after a backoff
 * (100 ms doubling to 5 s); nothing behind it is delivered meanwhile and its
 * offset is not committed. This is a seek back to the failed offset without
 * refetching: the stream keeps no per-partition seek, and closing and
 * re-joining it would rebalance the whole group on every failure. If the
 * partition is revoked meanwhile, the queue is dropped and the new owner
 * starts from the last committed offset, so it gets the message instead.
 */
export class KafkaSubscription implements Subscription {
  readonly #options: SubscribeOptions;
  readonly #logger: Logger;
  readonly #onClosed: () => void;
  readonly #consumer: Consumer<string, string, string, string>;
  readonly #partitions = new Map<string, PartitionState>();
  readonly #drains = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  #stream: Stream | undefined;
  #buffered = 0;
  #paused = false;
  #closing: Promise<void> | undefined;

  static async start(options: SubscribeOptions, settings: KafkaConsumerSettings, onClosed: () => void): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(options, settings, onClosed);
    try {
      await subscription.#consume();
    } catch (err) {
      await subscription.close();
      throw err;
    }
    return subscription;
  }

  private constructor(options: SubscribeOptions, settings: KafkaConsumerSettings, onClosed: () => void) {
    this.#options = options;
    this.#onClosed = onClosed;
    this.#logger = settings.logger.child({ group: options.group });
    this.#consumer = new Consumer({
      clientId: `${settings.clientId}-${options.group}`,
      groupId: options.group,
      bootstrapBrokers: settings.brokers,
      deserializers: stringDeserializers,
      autocommit: false,
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxWaitTime: settings.maxWaitTimeMs,
    });
    this.#consumer.on('consumer:group:join', ({ assignments }) => this.#onAssignments(assignments ?? []));
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#abort.abort();
    // Let in-flight handlers finish and their offsets land before leaving the group.
    await Promise.allSettled([...this.#drains]);
    const stream = this.#stream;
    this.#stream = undefined;
    try {
      await stream?.close();
      await this.#consumer.close(true);
    } catch (err) {
      this.#logger.warn({ err }, 'consumer did not leave its group cleanly; the broker will expire it');
    }
    this.#onClosed();
  }

  get #stopping(): boolean {
    return this.#abort.signal.aborted;
  }

  /** A new group starts from the earliest offset; a known group from its committed offsets. */
  async #consume(): Promise<void> {
    const stream = await this.#consumer.consume({
      topics: [...this.#options.topics],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: MessagesStreamFallbackModes.EARLIEST,
      autocommit: false,
    });
    this.#stream = stream;
    this.#paused = false;
    stream.on('data', (message) => this.#accept(message, stream));
    stream.on('error', (err) => void this.#restart(stream, err));
    stream.on('close', () => void this.#restart(stream, undefined));
  }

  /** The stream died under us (e.g. a commit needing a group rejoin): start over from committed offsets. */
  async #restart(stream: Stream, err: Error | undefined): Promise<void> {
    if (this.#stopping || this.#stream !== stream) return;
    this.#stream = undefined;
    this.#logger.error({ err }, 'consumer stream ended unexpectedly; resuming from committed offsets');
    for (const state of this.#partitions.values()) this.#revoke(state);
    while (!this.#stopping) {
      try {
        await delay(RESTART_DELAY_MS, undefined, { signal: this.#abort.signal });
        await this.#consume();
        return;
      } catch (restartError) {
        if (this.#stopping) return;
        this.#logger.error({ err: restartError }, 'could not restart the consumer stream; retrying');
      }
    }
  }

  #onAssignments(assignments: readonly GroupAssignment[]): void {
    const assigned = new Set(assignments.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)));
    for (const [key, state] of this.#partitions) if (!assigned.has(key)) this.#revoke(state);
  }

  #isAssigned(topic: string, partition: number): boolean {
    return (this.#consumer.assignments ?? []).some((a) => a.topic === topic && a.partitions.includes(partition));
  }

  #revoke(state: PartitionState): void {
    this.#release(state.queue.length);
    state.queue = [];
    state.highest = undefined;
    state.epoch++;
  }

  #accept(message: KafkaMessage, stream: Stream): void {
    if (this.#stopping || !this.#isAssigned(message.topic, message.partition)) return;
    const key = `${message.topic}:${message.partition}`;
    let state = this.#partitions.get(key);
    if (!state) {
      state = { queue: [], highest: undefined, epoch: 0, draining: false };
      this.#partitions.set(key, state);
    }
    if (state.highest !== undefined && message.offset <= state.highest) return;
    state.highest = message.offset;
    state.queue.push({ message, stream });
    if (++this.#buffered >= MAX_BUFFERED && !this.#paused) {
      this.#paused = true;
      stream.pause();
    }
    if (!state.draining) {
      state.draining = true;
      const drain = this.#drain(state).finally(() => {
        state.draining = false;
        this.#drains.delete(drain);
      });
      this.#drains.add(drain);
    }
  }

  #release(count: number): void {
    this.#buffered -= count;
    if (this.#paused && this.#buffered < MAX_BUFFERED / 2) {
      this.#paused = false;
      this.#stream?.resume();
    }
  }

  async #drain(state: PartitionState): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      const head = state.queue[0];
      if (!head) return;
      const epoch = state.epoch;
      try {
        await this.#options.handler(toDelivery(head.message));
      } catch (err) {
        if (state.epoch !== epoch) continue;
        failures++;
        const wait = Math.min(REDELIVERY_MIN_MS * 2 ** (failures - 1), REDELIVERY_MAX_MS);
        this.#logger.warn(
          { err, topic: head.message.topic, partition: head.message.partition, offset: String(head.message.offset), failures },
          'handler failed; the message will be redelivered',
        );
        await delay(wait, undefined, { signal: this.#abort.signal }).catch(() => undefined);
        continue;
      }
      failures = 0;
      // Revoked while the handler ran: the new owner redelivers from the committed offset.
      if (state.epoch !== epoch) continue;
      state.queue.shift();
      this.#release(1);
      try {
        await commit(head);
      } catch (err) {
        this.#logger.warn(
          { err, topic: head.message.topic, partition: head.message.partition, offset: String(head.message.offset) },
          'offset commit failed; the message may be delivered again',
        );
      }
    }
  }
}

function toDelivery(message: KafkaMessage): Delivery {
  const headers: Record<string, string> = {};
  for (const [k, v] of message.headers) headers[k] = v;
  return {
    topic: message.topic,
    partition: message.partition,
    offset: String(message.offset),
    key: message.key ?? '',
    value: message.value ?? '',
    headers,
  };
}

/** Resolves once the offset after `message` is committed; fails if its stream goes away first. */
function commit({ message, stream }: Queued): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('the consumer stream closed before the offset was committed'));
    stream.once('close', onClose);
    void message.commit((err) => {
      stream.off('close', onClose);
      if (err) reject(err);
      else resolve();
    });
  });
}
