import type { EventEnvelope } from './envelope.js';

/**
 * The event bus port: a Kafka adapter (@platformatic/kafka) and an embedded,
 * durable adapter (an SQLite log shared by every process on the machine).
 * Both pass the same contract suite.
 *
 * Semantics both adapters give:
 * - `publish` resolves only once the messages are durable;
 * - messages with the same key land in the same partition and are delivered
 *   in publish order;
 * - a consumer group shares partitions among its members (across processes);
 *   each message is delivered to one member of each group;
 * - at-least-once: the offset is committed only after the handler resolves;
 *   a handler that throws, or a consumer that dies, gets the message again.
 */

export interface BusMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Delivery extends BusMessage {
  readonly partition: number;
  readonly offset: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface SubscribeOptions {
  readonly group: string;
  readonly topics: readonly string[];
  /** Called for one message at a time per partition; throwing means "deliver again". */
  readonly handler: (delivery: Delivery) => Promise<void>;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventBus {
  publish(messages: readonly BusMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a service's consumer sees: a decoded, typed envelope. */
export type EventHandler = (event: EventEnvelope, delivery: Delivery) => Promise<void>;
