import { randomUUID } from 'node:crypto';
import { Sleeper, unavailable, type Logger } from '@onewindow/kernel';
import { Doorbells, type Listening } from './doorbell.js';
import { EmbeddedLog, tpKey, type TopicPartition } from './embedded-log.js';
import type { BusMessage, EventBus, SubscribeOptions, Subscription } from './port.js';

export interface EmbeddedBusOptions {
  /** The SQLite file every service process on the machine opens. */
  readonly file: string;
  /** Partitions of a topic created by this process (the first process to use a topic fixes it). */
  readonly partitions?: number;
  /**
   * Wait between empty polls where a topic's doorbell cannot be watched (see
   * doorbell.ts), and the first wait before a failed message is redelivered.
   */
  readonly pollIntervalMs?: number;
  /** How long a partition stays with a member that stopped heartbeating. */
  readonly leaseTtlMs?: number;
  /** Messages read per partition per poll. */
  readonly batchSize?: number;
  readonly logger: Logger;
}

/**
 * The embedded, durable bus: a log in one SQLite file shared by every
 * process on the machine. Consumer groups share partitions through leases in
 * the same file; offsets are committed after the handler resolves.
 */
export function openEmbeddedBus(options: EmbeddedBusOptions): EventBus {
  return new EmbeddedBus(options);
}

class EmbeddedBus implements EventBus {
  readonly #log: EmbeddedLog;
  readonly #bells: Doorbells;
  readonly #settings: LoopSettings;
  readonly #subscriptions = new Set<EmbeddedSubscription>();
  #closed = false;

  constructor(options: EmbeddedBusOptions) {
    this.#log = new EmbeddedLog(options.file, options.partitions ?? 8);
    const logger = options.logger.child({ component: 'embedded-bus' });
    this.#bells = new Doorbells(options.file, logger);
    this.#settings = {
      pollIntervalMs: options.pollIntervalMs ?? 20,
      leaseTtlMs: options.leaseTtlMs ?? 5_000,
      batchSize: options.batchSize ?? 100,
      logger,
      bells: this.#bells,
    };
  }

  async publish(messages: readonly BusMessage[]): Promise<void> {
    this.#assertOpen();
    if (messages.length === 0) return;
    this.#log.append(messages);
    this.#bells.ring(messages.map((m) => m.topic));
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.#assertOpen();
    const subscription = new EmbeddedSubscription(this.#log, options, this.#settings, () => {
      this.#subscriptions.delete(subscription);
      // The group's other members take over its partitions at their next round: now.
      this.#bells.ring(options.topics);
    });
    this.#subscriptions.add(subscription);
    // Members already running hand over a share of their partitions at their next round: now.
    this.#bells.ring(options.topics);
    return subscription;
  }

  async ping(): Promise<void> {
    this.#assertOpen();
    this.#log.ping();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    this.#bells.close();
    this.#log.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw unavailable('BUS_CLOSED', 'the embedded event bus is closed');
  }
}

interface LoopSettings {
  readonly pollIntervalMs: number;
  readonly leaseTtlMs: number;
  readonly batchSize: number;
  readonly logger: Logger;
  readonly bells: Doorbells;
}

/** After a handler failure the partition waits this long, doubling per failure, before redelivery. */
const MAX_REDELIVERY_DELAY_MS = 1_000;
/** How often a member recounts the group while it is busy delivering a batch, to hand partitions over soon after a join. */
const MEMBERSHIP_CHECK_MS = 20;
/** How often a member that holds less than its share tries to claim more. */
const HUNGRY_ROUND_MS = 50;

/**
 * One member of a consumer group. A poll counts the group's live members and
 * reads the heads of its topics (two small reads), then touches only the
 * partitions it owns that have something new; the member's read position is
 * kept in memory while it holds a partition. Membership rounds (a write
 * transaction) run when the group's size changed, while the member holds
 * less than its share (partitions are being handed over), and otherwise
 * every leaseTtlMs / 10.
 */
class EmbeddedSubscription implements Subscription {
  readonly #owner = randomUUID();
  readonly #sleeper = new Sleeper();
  readonly #failures = new Map<string, { count: number; notBefore: number }>();
  /** Next offset to deliver, per owned partition (read from the committed offset when the partition is taken). */
  readonly #cursors = new Map<string, number>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #bells: Listening;
  readonly #loop: Promise<void>;
  readonly #logger: Logger;
  readonly #log: EmbeddedLog;
  readonly #options: SubscribeOptions;
  readonly #settings: LoopSettings;
  readonly #onClosed: () => void;
  #owned: TopicPartition[] = [];
  #members = 0;
  #share = 0;
  #nextRound = 0;
  #membersCheckedAt = 0;
  #stopping = false;
  #closing: Promise<void> | undefined;

  constructor(log: EmbeddedLog, options: SubscribeOptions, settings: LoopSettings, onClosed: () => void) {
    this.#log = log;
    this.#options = options;
    this.#settings = settings;
    this.#onClosed = onClosed;
    this.#logger = settings.logger.child({ group: options.group, member: this.#owner });
    // Register before the first poll so members already running see this one
    // at their next round and hand over its share of the partitions.
    log.heartbeat(options.group, this.#owner, settings.leaseTtlMs);
    this.#heartbeat = setInterval(() => this.#renew(), Math.max(50, Math.floor(settings.leaseTtlMs / 3)));
    this.#heartbeat.unref();
    this.#bells = settings.bells.listen(options.topics, () => this.#sleeper.nudge());
    this.#loop = this.#run();
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    this.#stopping = true;
    this.#sleeper.wake();
    await this.#loop;
    clearInterval(this.#heartbeat);
    this.#bells.stop();
    try {
      this.#log.leave(this.#options.group, this.#owner);
    } catch (err) {
      this.#logger.warn({ err }, 'could not release partition leases; they expire on their own');
    }
    this.#onClosed();
  }

  #renew(): void {
    if (this.#stopping) return;
    try {
      this.#log.heartbeat(this.#options.group, this.#owner, this.#settings.leaseTtlMs);
    } catch (err) {
      this.#logger.warn({ err }, 'lease heartbeat failed');
    }
  }

  /** A membership round: what this member owns now; positions of newly taken partitions come from their committed offsets. */
  #rebalance(): void {
    const { group, topics } = this.#options;
    const { owned, members, share } = this.#log.rebalance(group, this.#owner, topics, this.#settings.leaseTtlMs);
    const keys = new Set(owned.map(tpKey));
    for (const key of this.#cursors.keys()) if (!keys.has(key)) this.#cursors.delete(key);
    for (const key of this.#failures.keys()) if (!keys.has(key)) this.#failures.delete(key);
    for (const tp of owned) {
      const key = tpKey(tp);
      if (!this.#cursors.has(key)) this.#cursors.set(key, this.#log.committed(group, tp));
    }
    this.#owned = owned;
    this.#members = members;
    this.#share = share;
    this.#nextRound = Date.now() + Math.max(20, Math.floor(this.#settings.leaseTtlMs / 10));
    this.#membersCheckedAt = Date.now();
  }

  /** True when the group's size moved since the last round; within a batch, checked at most every MEMBERSHIP_CHECK_MS. */
  #membershipChanged(throttled: boolean): boolean {
    const now = Date.now();
    if (throttled && now - this.#membersCheckedAt < MEMBERSHIP_CHECK_MS) return false;
    this.#membersCheckedAt = now;
    return this.#log.liveMembers(this.#options.group) !== this.#members;
  }

  #roundDue(): boolean {
    const now = Date.now();
    // A member below its share retries soon: partitions are being handed over to it.
    const hungry = this.#owned.length < this.#share && now - this.#membersCheckedAt >= HUNGRY_ROUND_MS;
    return now >= this.#nextRound || hungry || this.#membershipChanged(false);
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let delivered = 0;
      try {
        if (this.#roundDue()) this.#rebalance();
        const heads = this.#log.heads(this.#options.topics);
        const ready = this.#owned.filter((tp) => (heads.get(tpKey(tp)) ?? 0) > (this.#cursors.get(tpKey(tp)) ?? 0));
        const counts = await Promise.all(ready.map((tp) => this.#deliverPartition(tp)));
        delivered = counts.reduce((a, b) => a + b, 0);
      } catch (err) {
        this.#nextRound = 0;
        this.#logger.error({ err }, 'embedded bus poll failed');
      }
      if (delivered === 0 && !this.#stopping) await this.#sleeper.sleep(this.#idleWaitMs());
    }
  }

  /**
   * With its topics' doorbells watched, an idle member waits for them, and
   * looks anyway at the membership cadence (leaseTtlMs / 10). It polls while
   * it holds less than its share (partitions being handed over), while a
   * failed message waits for redelivery, and where a doorbell cannot be
   * watched.
   */
  #idleWaitMs(): number {
    const { pollIntervalMs, leaseTtlMs } = this.#settings;
    const busy = this.#failures.size > 0 || this.#owned.length < this.#share;
    return this.#bells.watching && !busy ? Math.max(pollIntervalMs, Math.floor(leaseTtlMs / 10)) : pollIntervalMs;
  }

  /**
   * Delivers one batch of a partition in order; stops at the first failure so
   * nothing overtakes it, and as soon as the group's membership changes so the
   * next round hands partitions over without waiting for the whole batch.
   * Each message's offset is committed once its handler resolved.
   */
  async #deliverPartition(tp: TopicPartition): Promise<number> {
    const key = tpKey(tp);
    const failure = this.#failures.get(key);
    if (failure && failure.notBefore > Date.now()) return 0;
    const from = this.#cursors.get(key);
    if (from === undefined) return 0;
    const { group, handler } = this.#options;
    const messages = this.#log.read(tp, from, this.#settings.batchSize);
    let delivered = 0;
    for (const message of messages) {
      if (this.#stopping || this.#membershipChanged(true)) {
        this.#nextRound = 0;
        break;
      }
      try {
        await handler({ ...tp, key: message.key, value: message.value, headers: message.headers, offset: String(message.offset) });
      } catch (err) {
        const count = (this.#failures.get(key)?.count ?? 0) + 1;
        const delay = Math.min(this.#settings.pollIntervalMs * 2 ** (count - 1), MAX_REDELIVERY_DELAY_MS);
        this.#failures.set(key, { count, notBefore: Date.now() + delay });
        this.#logger.warn({ err, ...tp, offset: message.offset, failures: count }, 'handler failed; the message will be redelivered');
        return delivered;
      }
      this.#failures.delete(key);
      if (!this.#log.commit(group, this.#owner, tp, message.offset + 1)) {
        this.#logger.info({ ...tp, offset: message.offset }, 'partition moved to another member; not committing');
        this.#cursors.delete(key);
        this.#nextRound = 0;
        return delivered;
      }
      this.#cursors.set(key, message.offset + 1);
      delivered++;
    }
    return delivered;
  }
}
