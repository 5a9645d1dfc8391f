import { Admin, findErrorBy, ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { unavailable, type Logger } from '@onewindow/kernel';
import { KafkaSubscription, type KafkaConsumerSettings } from './kafka-subscription.js';
import type { BusMessage, EventBus, SubscribeOptions, Subscription } from './port.js';

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Partitions of the topics this bus creates on demand. */
  readonly partitions?: number;
  /** Replication factor of created topics; -1 takes the broker's default. */
  readonly replicas?: number;
  /** Consumer group session timeout; a dead member's partitions move after this long. */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new messages (also bounds how long close waits for a fetch). */
  readonly maxWaitTimeMs?: number;
  readonly logger: Logger;
}

/**
 * The Kafka adapter (@platformatic/kafka). Topics are created on demand with
 * the configured partition count; the producer is idempotent with acks=all
 * and partitions by key, so each key's messages stay in order.
 */
export async function openKafkaBus(options: KafkaBusOptions): Promise<EventBus> {
  const bus = new KafkaBus(options);
  try {
    await bus.ping();
  } catch (err) {
    await bus.close();
    throw err;
  }
  return bus;
}

class KafkaBus implements EventBus {
  readonly #options: KafkaBusOptions;
  readonly #logger: Logger;
  readonly #admin: Admin;
  readonly #producer: Producer<string, string, string, string>;
  readonly #topics = new Map<string, Promise<void>>();
  readonly #subscriptions = new Set<KafkaSubscription>();
  #closed = false;

  constructor(options: KafkaBusOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: 'kafka-bus' });
    const bootstrapBrokers = [...options.brokers];
    this.#admin = new Admin({ clientId: `${options.clientId}-admin`, bootstrapBrokers });
    this.#producer = new Producer({
      clientId: options.clientId,
      bootstrapBrokers,
      serializers: stringSerializers,
      idempotent: true,
      acks: ProduceAcks.ALL,
      // The idempotent producer otherwise retries forever; callers (the outbox
      // relay) must see a failure to back off and try again.
      retries: 5,
    });
  }

  async publish(messages: readonly BusMessage[]): Promise<void> {
    this.#assertOpen();
    if (messages.length === 0) return;
    await this.#ensureTopics(messages.map((m) => m.topic));
    await this.#producer.send({
      messages: messages.map((m) => ({ topic: m.topic, key: m.key, value: m.value, headers: { ...m.headers } })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.#assertOpen();
    await this.#ensureTopics(options.topics);
    const settings: KafkaConsumerSettings = {
      clientId: this.#options.clientId,
      brokers: [...this.#options.brokers],
      sessionTimeoutMs: this.#options.sessionTimeoutMs ?? 10_000,
      heartbeatIntervalMs: this.#options.heartbeatIntervalMs ?? 500,
      maxWaitTimeMs: this.#options.maxWaitTimeMs ?? 500,
      logger: this.#logger,
    };
    const subscription = await KafkaSubscription.start(options, settings, () =>
      this.#subscriptions.delete(subscription),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    await this.#admin.metadata({ topics: [] });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    const results = await Promise.allSettled([this.#producer.close(), this.#admin.close()]);
    for (const result of results) {
      if (result.status === 'rejected') this.#logger.warn({ err: result.reason }, 'Kafka client did not close cleanly');
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw unavailable('BUS_CLOSED', 'the Kafka event bus is closed');
  }

  async #ensureTopics(topics: readonly string[]): Promise<void> {
    await Promise.all([...new Set(topics)].map((topic) => this.#ensureTopic(topic)));
  }

  /** Creates a topic once per process; "already exists" is success. A failure is retried on the next call. */
  #ensureTopic(topic: string): Promise<void> {
    let pending = this.#topics.get(topic);
    if (!pending) {
      pending = this.#createTopic(topic).catch((err: unknown) => {
        this.#topics.delete(topic);
        throw err;
      });
      this.#topics.set(topic, pending);
    }
    return pending;
  }

  async #createTopic(topic: string): Promise<void> {
    try {
      await this.#admin.createTopics({
        topics: [topic],
        partitions: this.#options.partitions ?? 8,
        replicas: this.#options.replicas ?? -1,
      });
      this.#logger.info({ topic, partitions: this.#options.partitions ?? 8 }, 'created topic');
    } catch (err) {
      if (err instanceof Error && findErrorBy(err, 'apiId', 'TOPIC_ALREADY_EXISTS')) return;
      throw err;
    }
  }
}
