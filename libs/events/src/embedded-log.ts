import { DatabaseSync, type SQLOutputValue } from 'node:sqlite';
import type { BusMessage } from './port.js';

/**
 * The embedded bus's durable log: one SQLite file (WAL) that every service
 * process on the machine opens. Each method is one short synchronous
 * transaction, so no lock is ever held across an `await` and several
 * connections (in one process or many) interleave safely.
 */

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface StoredMessage {
  readonly offset: number;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS topics (
  topic TEXT PRIMARY KEY,
  partitions INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS messages (
  topic TEXT NOT NULL,
  "partition" INTEGER NOT NULL,
  "offset" INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  headers TEXT NOT NULL,
  PRIMARY KEY (topic, "partition", "offset")
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS offsets (
  grp TEXT NOT NULL,
  topic TEXT NOT NULL,
  "partition" INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (grp, topic, "partition")
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leases (
  grp TEXT NOT NULL,
  topic TEXT NOT NULL,
  "partition" INTEGER NOT NULL,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (grp, topic, "partition")
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS heads (
  topic TEXT NOT NULL,
  "partition" INTEGER NOT NULL,
  next INTEGER NOT NULL,
  PRIMARY KEY (topic, "partition")
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS members (
  grp TEXT NOT NULL,
  owner TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (grp, owner)
) STRICT, WITHOUT ROWID;
`;

function int(value: SQLOutputValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`expected an integer column, got ${typeof value}`);
}

function text(value: SQLOutputValue | undefined): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected a text column, got ${typeof value}`);
}

function parseHeaders(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json);
  const headers: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') headers[k] = v;
  }
  return headers;
}

/** FNV-1a (32 bit) over the key's UTF-8 bytes: stable across processes and releases. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

function prepare(db: DatabaseSync) {
  return {
    topicInsert: db.prepare('INSERT OR IGNORE INTO topics (topic, partitions) VALUES (?, ?)'),
    topicGet: db.prepare('SELECT partitions FROM topics WHERE topic = ?'),
    nextOffset: db.prepare(
      'SELECT COALESCE(MAX("offset") + 1, 0) AS next FROM messages WHERE topic = ? AND "partition" = ?',
    ),
    append: db.prepare(
      'INSERT INTO messages (topic, "partition", "offset", key, value, headers) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    headAdvance: db.prepare(
      `INSERT INTO heads (topic, "partition", next) VALUES (?, ?, ?)
       ON CONFLICT (topic, "partition") DO UPDATE SET next = MAX(heads.next, excluded.next)`,
    ),
    headsOf: db.prepare('SELECT topic, "partition", next FROM heads WHERE topic IN (SELECT value FROM json_each(?))'),
    headsBackfill: db.prepare(
      `INSERT INTO heads (topic, "partition", next)
       SELECT topic, "partition", MAX("offset") + 1 FROM messages WHERE true GROUP BY topic, "partition"
       ON CONFLICT (topic, "partition") DO UPDATE SET next = MAX(heads.next, excluded.next)`,
    ),
    read: db.prepare(
      'SELECT "offset", key, value, headers FROM messages WHERE topic = ? AND "partition" = ? AND "offset" >= ? ORDER BY "offset" LIMIT ?',
    ),
    committed: db.prepare('SELECT next_offset FROM offsets WHERE grp = ? AND topic = ? AND "partition" = ?'),
    // One statement, so one implicit transaction: commits only while `owner` holds the lease (fencing).
    commit: db.prepare(
      `INSERT INTO offsets (grp, topic, "partition", next_offset)
       SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM leases WHERE grp = ?1 AND topic = ?2 AND "partition" = ?3 AND owner = ?5)
       ON CONFLICT (grp, topic, "partition") DO UPDATE SET next_offset = excluded.next_offset`,
    ),
    memberUpsert: db.prepare(
      `INSERT INTO members (grp, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (grp, owner) DO UPDATE SET expires_at = excluded.expires_at`,
    ),
    membersExpire: db.prepare('DELETE FROM members WHERE grp = ? AND expires_at <= ?'),
    membersCount: db.prepare('SELECT COUNT(*) AS n FROM members WHERE grp = ?'),
    membersLive: db.prepare('SELECT COUNT(*) AS n FROM members WHERE grp = ? AND expires_at > ?'),
    memberDelete: db.prepare('DELETE FROM members WHERE grp = ? AND owner = ?'),
    leasesRenew: db.prepare('UPDATE leases SET expires_at = ? WHERE grp = ? AND owner = ?'),
    leasesMine: db.prepare('SELECT topic, "partition" FROM leases WHERE grp = ? AND owner = ? ORDER BY topic, "partition"'),
    leasesAll: db.prepare('SELECT topic, "partition", owner, expires_at FROM leases WHERE grp = ?'),
    leaseClaim: db.prepare(
      `INSERT INTO leases (grp, topic, "partition", owner, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (grp, topic, "partition") DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.expires_at <= ?`,
    ),
    leaseRelease: db.prepare('DELETE FROM leases WHERE grp = ? AND topic = ? AND "partition" = ? AND owner = ?'),
    leasesReleaseAll: db.prepare('DELETE FROM leases WHERE grp = ? AND owner = ?'),
  };
}

type Statements = ReturnType<typeof prepare>;

export const tpKey = (tp: TopicPartition) => `${tp.topic}\u0000${tp.partition}`;

export class EmbeddedLog {
  readonly #db: DatabaseSync;
  readonly #defaultPartitions: number;
  readonly #partitions = new Map<string, number>();
  readonly #sql: Statements;

  constructor(file: string, defaultPartitions: number) {
    this.#defaultPartitions = defaultPartitions;
    // The busy timeout comes first: other processes may hold the write lock
    // while this one switches to WAL or creates the schema.
    this.#db = new DatabaseSync(file, { timeout: 5_000 });
    this.#db.exec('PRAGMA busy_timeout = 5000');
    this.#db.exec('PRAGMA journal_mode = WAL');
    // NORMAL for offsets and leases: a power cut may undo the last commits,
    // which only means a redelivery. Publishes switch to FULL (see append).
    this.#db.exec('PRAGMA synchronous = NORMAL');
    const hadHeads = this.#db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'heads'`).get() !== undefined;
    this.#db.exec(SCHEMA);
    this.#sql = prepare(this.#db);
    // A log written before the heads table existed: compute them once from the messages.
    if (!hadHeads) this.#tx(() => this.#sql.headsBackfill.run());
  }

  #tx<T>(fn: () => T): T {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.#db.exec('COMMIT');
      return result;
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  /** The first process to use a topic fixes its partition count for everyone. */
  #partitionsOf(topic: string): number {
    const known = this.#partitions.get(topic);
    if (known !== undefined) return known;
    this.#sql.topicInsert.run(topic, this.#defaultPartitions);
    const count = int(this.#sql.topicGet.get(topic)?.['partitions']);
    this.#partitions.set(topic, count);
    return count;
  }

  /**
   * All messages of one call in one transaction: either every one is stored
   * or none is. FULL sync: once this returns the messages survive a power
   * cut too, because the outbox forgets an event as soon as it is published.
   */
  append(messages: readonly BusMessage[]): void {
    this.#db.exec('PRAGMA synchronous = FULL');
    try {
      this.#tx(() => {
        for (const m of messages) {
          const partition = partitionFor(m.key, this.#partitionsOf(m.topic));
          const next = int(this.#sql.nextOffset.get(m.topic, partition)?.['next']);
          this.#sql.append.run(m.topic, partition, next, m.key, m.value, JSON.stringify(m.headers ?? {}));
          this.#sql.headAdvance.run(m.topic, partition, next + 1);
        }
      });
    } finally {
      this.#db.exec('PRAGMA synchronous = NORMAL');
    }
  }

  read(tp: TopicPartition, from: number, limit: number): StoredMessage[] {
    return this.#sql.read.all(tp.topic, tp.partition, from, limit).map((row) => ({
      offset: int(row['offset']),
      key: text(row['key']),
      value: text(row['value']),
      headers: parseHeaders(text(row['headers'])),
    }));
  }

  /** A new group starts at offset 0: the embedded log's "earliest" policy. */
  committed(group: string, tp: TopicPartition): number {
    const row = this.#sql.committed.get(group, tp.topic, tp.partition);
    return row ? int(row['next_offset']) : 0;
  }

  /** Commits only while `owner` still holds the lease (fencing); false means the partition moved. */
  commit(group: string, owner: string, tp: TopicPartition, nextOffset: number): boolean {
    return Number(this.#sql.commit.run(group, tp.topic, tp.partition, nextOffset, owner).changes) > 0;
  }

  /**
   * The next offset of every partition of these topics that has ever had a
   * message: one indexed read, so a poll that finds nothing new costs one query.
   */
  heads(topics: readonly string[]): Map<string, number> {
    const heads = new Map<string, number>();
    for (const row of this.#sql.headsOf.all(JSON.stringify(topics))) {
      heads.set(tpKey({ topic: text(row['topic']), partition: int(row['partition']) }), int(row['next']));
    }
    return heads;
  }

  /** Keeps the member and its leases alive; runs on a timer, also while a handler is busy. */
  heartbeat(group: string, owner: string, ttlMs: number, now = Date.now()): void {
    this.#tx(() => {
      this.#sql.memberUpsert.run(group, owner, now + ttlMs);
      this.#sql.leasesRenew.run(now + ttlMs, group, owner);
    });
  }

  /** Live members of a group: a change means the fair share changed and a round should end early. */
  liveMembers(group: string, now = Date.now()): number {
    return int(this.#sql.membersLive.get(group, now)?.['n']);
  }

  /**
   * One membership round for `owner`: heartbeat, count the group's live
   * members, then give up leases above the fair share ceil(partitions /
   * members) or claim free or expired ones up to it. Returns what `owner`
   * holds afterwards, the member count the share was computed from, and the share.
   */
  rebalance(
    group: string,
    owner: string,
    topics: readonly string[],
    ttlMs: number,
    now = Date.now(),
  ): { owned: TopicPartition[]; members: number; share: number } {
    return this.#tx(() => {
      const expires = now + ttlMs;
      this.#sql.memberUpsert.run(group, owner, expires);
      this.#sql.membersExpire.run(group, now);
      this.#sql.leasesRenew.run(expires, group, owner);
      const members = Math.max(1, int(this.#sql.membersCount.get(group)?.['n']));

      const all: TopicPartition[] = [];
      for (const topic of topics) {
        const count = this.#partitionsOf(topic);
        for (let partition = 0; partition < count; partition++) all.push({ topic, partition });
      }
      const wanted = new Set(all.map(tpKey));
      const share = Math.ceil(all.length / members);

      const mine = this.#sql.leasesMine.all(group, owner)
        .map((row) => ({ topic: text(row['topic']), partition: int(row['partition']) }))
        .filter((tp) => wanted.has(tpKey(tp)));
      while (mine.length > share) {
        const released = mine.pop()!;
        this.#sql.leaseRelease.run(group, released.topic, released.partition, owner);
      }
      if (mine.length < share) {
        const taken = new Set(
          this.#sql.leasesAll.all(group)
            .filter((row) => int(row['expires_at']) > now)
            .map((row) => tpKey({ topic: text(row['topic']), partition: int(row['partition']) })),
        );
        for (const tp of all) {
          if (mine.length >= share) break;
          if (taken.has(tpKey(tp))) continue;
          const claimed = this.#sql.leaseClaim.run(group, tp.topic, tp.partition, owner, expires, now);
          if (Number(claimed.changes) > 0) mine.push(tp);
        }
      }
      return { owned: mine, members, share };
    });
  }

  /** Leaving: hand every partition back at once instead of waiting for the leases to expire. */
  leave(group: string, owner: string): void {
    this.#tx(() => {
      this.#sql.leasesReleaseAll.run(group, owner);
      this.#sql.memberDelete.run(group, owner);
    });
  }

  ping(): void {
    this.#db.prepare('SELECT 1').get();
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
