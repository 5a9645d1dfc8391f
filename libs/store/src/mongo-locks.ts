/**
 * Writes to one stored document, one at a time. MongoDB applies every update
 * atomically, filter and change together. FerretDB 1.x does not: it reads the
 * documents matching the filter, changes them, and writes them back by `_id`.
 * Two writers can then both pass `{ _id, v: n }`, and an outbox mark can
 * write back a stale copy over an update. On such a server every write to a
 * document first takes a lock on it: in this process (`DocumentLocks`), and
 * across processes (`ServerLocks`, a lock document on the server).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { unavailable } from '@onewindow/kernel';

export interface WriteLocks {
  /** Runs `work` while holding every key; keys are `collection/id`. */
  run<R>(keys: readonly string[], work: () => Promise<R>): Promise<R>;
}

/**
 * MongoDB reports a unique-index violation as E11000. FerretDB 1.x does so
 * on insert, but on update answers InternalError (code 1) with SQLite's
 * message; both mean the same to the store.
 */
export function isDuplicateKey(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  if (err.code === 11000) return true;
  return err.code === 1 && 'message' in err && typeof err.message === 'string' && err.message.includes('UNIQUE constraint failed');
}

/**
 * Serialises this process's writes to one document, so that the relay's
 * outbox mark and a use case's update of the same document never overlap.
 * Each call appends itself to the chain of every key it names, at once, so
 * calls naming several keys cannot deadlock.
 */
export class DocumentLocks implements WriteLocks {
  readonly #tails = new Map<string, Promise<void>>();

  run<R>(keys: readonly string[], work: () => Promise<R>): Promise<R> {
    const unique = [...new Set(keys)];
    const before = unique.map((k) => this.#tails.get(k)).filter((p): p is Promise<void> => p !== undefined);
    const result = Promise.all(before).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const k of unique) this.#tails.set(k, tail);
    void tail.then(() => {
      for (const k of unique) if (this.#tails.get(k) === tail) this.#tails.delete(k);
    });
    return result;
  }

  get size(): number {
    return this.#tails.size;
  }
}

export interface LockDoc {
  _id: string;
  /** The holder's token: only the holder gives the lock back. */
  t: string;
  /** After this, the holder is presumed dead and the lock may be taken. */
  until: Date;
}

/** The part of a MongoDB collection the locks use; an insert of an existing `_id` fails atomically on every server. */
export interface LockCollection {
  insertOne(doc: LockDoc): Promise<unknown>;
  findOne(filter: { _id: string }): Promise<LockDoc | null>;
  deleteOne(filter: { _id: string; t: string }): Promise<unknown>;
}

export interface ServerLockOptions {
  /** How long a lock holds before it may be taken from a holder presumed dead. Longer than any one write. */
  readonly leaseMs?: number;
  /** How long to wait for a lock before failing with STORE_LOCK_TIMEOUT. */
  readonly waitMs?: number;
}

/**
 * Locks shared by every process on the database: a lock is a document whose
 * `_id` is the key, taken by inserting it and given back by deleting it.
 * A process that dies holding one leaves it to expire after the lease.
 * Keys are taken in sorted order, so writers naming several cannot deadlock.
 */
export class ServerLocks implements WriteLocks {
  readonly #leaseMs: number;
  readonly #waitMs: number;

  constructor(
    private readonly locks: LockCollection,
    { leaseMs = 10_000, waitMs = 15_000 }: ServerLockOptions = {},
  ) {
    this.#leaseMs = leaseMs;
    this.#waitMs = waitMs;
  }

  async run<R>(keys: readonly string[], work: () => Promise<R>): Promise<R> {
    const held: { _id: string; t: string }[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) held.push({ _id: key, t: await this.#acquire(key) });
      return await work();
    } finally {
      await Promise.all(held.map((lock) => this.locks.deleteOne(lock)));
    }
  }

  async #acquire(key: string): Promise<string> {
    const token = randomUUID();
    const deadline = Date.now() + this.#waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.locks.insertOne({ _id: key, t: token, until: new Date(Date.now() + this.#leaseMs) });
        return token;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const holder = await this.locks.findOne({ _id: key });
      if (holder && holder.until.getTime() < Date.now()) {
        await this.locks.deleteOne({ _id: key, t: holder.t });
        continue;
      }
      if (Date.now() > deadline) throw unavailable('STORE_LOCK_TIMEOUT', `${key} stayed locked for ${this.#waitMs} ms`);
      await sleep(Math.min(2 ** attempt, 50) * (0.5 + Math.random()));
    }
  }
}

/** This process's lock first (cheap, in memory), then the server's. */
export function chainLocks(local: WriteLocks, server: WriteLocks): WriteLocks {
  return { run: (keys, work) => local.run(keys, () => server.run(keys, work)) };
}
