/**
 * The embedded store: one SQLite file per service through node:sqlite. Each
 * collection is a table of JSON documents; index specs become expression
 * indexes; the outbox is one table written in the same transaction as the
 * change it announces.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { conflict, LruMap, type Logger } from '@onewindow/kernel';
import { Appended } from './appended.js';
import { compileFilter, compileFind } from './filter.js';
import type {
  Collection,
  CollectionSpec,
  Durability,
  Identified,
  Outbox,
  OutboxEntry,
  OutboxMessage,
  Store,
  Versioned,
} from './port.js';
import { STORE_DUPLICATE, STORE_VERSION_CONFLICT } from './port.js';
import {
  checkDocument,
  checkEntries,
  checkEvents,
  checkId,
  checkLimit,
  checkSameSpec,
  checkSpec,
  checkVersion,
  indexName,
} from './spec.js';
import { extract, findSql, whereSql } from './sqlite-query.js';

export interface SqliteStoreOptions {
  readonly file: string;
  readonly logger?: Logger;
}

/** Statements are kept per SQL text; the cap bounds memory when filter shapes vary. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * WAL lets readers proceed while one writer commits. synchronous=FULL (not
 * NORMAL) so that a commit survives a power cut too: the embedded mode is
 * meant to run a hall for real and its outbox holds facts not yet relayed.
 */
const PRAGMAS = 'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;';

const OUTBOX_DDL = `CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  collection TEXT NOT NULL,
  document_id TEXT NOT NULL,
  id TEXT NOT NULL UNIQUE,
  topic TEXT NOT NULL,
  key TEXT NOT NULL,
  payload TEXT NOT NULL
)`;

interface SqliteError extends Error {
  readonly errcode: number;
}

function isSqliteError(err: unknown): err is SqliteError {
  return err instanceof Error && 'errcode' in err && typeof err.errcode === 'number';
}

const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;

interface QueuedWrite {
  readonly work: () => unknown;
  readonly durability: Durability;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

class Db {
  readonly appended = new Appended();
  private readonly statements = new LruMap<string, StatementSync>(STATEMENT_CACHE_SIZE);
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  private synchronous: Durability = 'full';

  constructor(readonly db: DatabaseSync) {}

  stmt(sql: string): StatementSync {
    return this.statements.getOrMake(sql, (text) => this.db.prepare(text));
  }

  /** BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a lock upgrade. */
  tx<R>(work: () => R): R {
    this.stmt('BEGIN IMMEDIATE').run();
    try {
      const result = work();
      this.stmt('COMMIT').run();
      return result;
    } catch (err) {
      if (this.db.isTransaction) this.stmt('ROLLBACK').run();
      throw err;
    }
  }

  /**
   * Group commit. With synchronous=FULL every COMMIT waits for an fsync, and
   * node:sqlite waits on the event loop's thread, so one fsync per write caps
   * a service at a few hundred writes a second and stalls everything else
   * meanwhile. Writes asked for in the same turn of the event loop are
   * committed in one transaction, each in a savepoint of its own: a write that
   * fails (a version conflict, a duplicate) is rolled back alone and rejects
   * alone, the others commit. Every promise settles only after the COMMIT,
   * so a resolved write is as durable as before; only the fsync is shared.
   * A batch of relaxed writes only commits without the fsync
   * (synchronous=NORMAL: WAL frames reach the OS, a later full commit or
   * checkpoint syncs them); one full write makes the whole batch full.
   */
  write<R>(work: () => R, durability: Durability = 'full'): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, durability, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write now (also called before close). */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.setSynchronous(batchDurability(batch));
    if (batch.length === 1) {
      const [only] = batch as [QueuedWrite];
      try {
        only.resolve(this.tx(only.work));
      } catch (err) {
        only.reject(err);
      }
      return;
    }
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.tx(() => {
        for (const item of batch) {
          this.stmt('SAVEPOINT write').run();
          try {
            outcomes.push({ ok: true, value: item.work() });
            this.stmt('RELEASE write').run();
          } catch (err) {
            this.stmt('ROLLBACK TO write').run();
            this.stmt('RELEASE write').run();
            outcomes.push({ ok: false, value: err });
          }
        }
      });
    } catch (err) {
      // BEGIN or COMMIT itself failed (busy timeout, disk full): none of the writes happened.
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
  }

  private setSynchronous(durability: Durability): void {
    if (durability === this.synchronous) return;
    this.db.exec(durability === 'full' ? 'PRAGMA synchronous = FULL' : 'PRAGMA synchronous = NORMAL');
    this.synchronous = durability;
  }

  writeEvents(collection: string, documentId: string, events: readonly OutboxMessage[]): void {
    const insert = this.stmt(
      'INSERT INTO outbox (collection, document_id, id, topic, key, payload) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const e of events) insert.run(collection, documentId, e.id, e.topic, e.key, e.payload);
  }
}

/** The durability a batch commits with: full as soon as one write asks for it. */
export function batchDurability(batch: readonly { readonly durability: Durability }[]): Durability {
  return batch.some((w) => w.durability === 'full') ? 'full' : 'relaxed';
}

function toVersioned<T>(row: Record<string, unknown>): Versioned<T> {
  const value: unknown = JSON.parse(String(row['doc']));
  return { value: value as T, version: Number(row['version']) };
}

function ensureTable(db: Db, spec: CollectionSpec): void {
  const table = spec.name;
  const wanted = new Map((spec.indexes ?? []).map((index) => [indexName(table, index), index]));
  db.tx(() => {
    db.db.exec(
      `CREATE TABLE IF NOT EXISTS "${table}" (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL)`,
    );
    // Like MongoDB's syncIndexes: indexes this store created and the spec no longer lists are dropped.
    const existing = db.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix\\_%' ESCAPE '\\'`)
      .all(table)
      .map((row) => String(row['name']));
    for (const name of existing) if (!wanted.has(name)) db.db.exec(`DROP INDEX "${name}"`);
    for (const [name, index] of wanted) {
      const columns = index.fields.map(extract).join(', ');
      db.db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON "${table}" (${columns})`);
    }
  });
}

function sqliteCollection<T extends Identified>(db: Db, spec: CollectionSpec): Collection<T> {
  const table = spec.name;

  const duplicate = (err: unknown, id: string): unknown => {
    if (!isSqliteError(err)) return err;
    if (err.errcode === SQLITE_CONSTRAINT_PRIMARYKEY) return conflict(STORE_DUPLICATE, `${table} ${id} already exists`);
    if (err.errcode === SQLITE_CONSTRAINT_UNIQUE) {
      return conflict(STORE_DUPLICATE, `${table} ${id}: a unique value is already taken (${err.message})`);
    }
    return err;
  };

  return {
    async get(id) {
      checkId(id);
      const row = db.stmt(`SELECT version, doc FROM "${table}" WHERE id = ?`).get(id);
      return row ? toVersioned<T>(row) : null;
    },

    async find(filter, options) {
      const { sql, params } = findSql(table, compileFind(filter, options));
      return db.stmt(sql).all(...params).map((row) => toVersioned<T>(row));
    },

    async count(filter) {
      const where = whereSql(compileFilter(filter));
      const row = db.stmt(`SELECT count(*) AS n FROM "${table}"${where.sql}`).get(...where.params);
      return Number(row?.['n'] ?? 0);
    },

    async insert(value, events = [], options = {}) {
      checkDocument(value);
      checkEvents(events);
      const doc = JSON.stringify(value);
      try {
        await db.write(() => {
          db.stmt(`INSERT INTO "${table}" (id, version, doc) VALUES (?, 1, ?)`).run(value.id, doc);
          db.writeEvents(table, value.id, events);
        }, options.durability);
      } catch (err) {
        throw duplicate(err, value.id);
      }
      db.appended.committed(events);
      return { value: JSON.parse(doc) as T, version: 1 };
    },

    async update(value, expectedVersion, events = [], options = {}) {
      checkDocument(value);
      checkVersion(expectedVersion);
      checkEvents(events);
      const doc = JSON.stringify(value);
      try {
        await db.write(() => {
          const params: SQLInputValue[] = [doc, value.id, expectedVersion];
          const { changes } = db.stmt(`UPDATE "${table}" SET doc = ?, version = version + 1 WHERE id = ? AND version = ?`).run(...params);
          if (Number(changes) === 0) {
            const row = db.stmt(`SELECT version FROM "${table}" WHERE id = ?`).get(value.id);
            throw conflict(
              STORE_VERSION_CONFLICT,
              row
                ? `${table} ${value.id} is at version ${String(row['version'])}, not ${expectedVersion}`
                : `${table} ${value.id} does not exist`,
            );
          }
          db.writeEvents(table, value.id, events);
        }, options.durability);
      } catch (err) {
        throw duplicate(err, value.id);
      }
      db.appended.committed(events);
      return { value: JSON.parse(doc) as T, version: expectedVersion + 1 };
    },
  };
}

function sqliteOutbox(db: Db): Outbox {
  return {
    async pending(limit) {
      checkLimit(limit);
      const rows = db
        .stmt('SELECT collection, document_id, id, topic, key, payload FROM outbox ORDER BY seq LIMIT ?')
        .all(limit);
      return rows.map(
        (row): OutboxEntry => ({
          collection: String(row['collection']),
          documentId: String(row['document_id']),
          id: String(row['id']),
          topic: String(row['topic']),
          key: String(row['key']),
          payload: String(row['payload']),
        }),
      );
    },

    async markPublished(entries) {
      checkEntries(entries);
      if (entries.length === 0) return;
      await db.write(() => {
        const remove = db.stmt('DELETE FROM outbox WHERE id = ?');
        for (const entry of entries) remove.run(entry.id);
      }, 'relaxed');
    },

    watch: (listener) => db.appended.watch(listener),
  };
}

export function openSqliteStore({ file, logger }: SqliteStoreOptions): Store {
  const log = logger?.child({ component: 'store.sqlite' });
  // `timeout` is SQLite's busy_timeout: wait for another connection's write lock instead of failing.
  const db = new Db(new DatabaseSync(file, { timeout: 5000 }));
  db.db.exec(PRAGMAS);
  db.db.exec(OUTBOX_DDL);
  log?.info({ file }, 'sqlite store opened');

  const collections = new Map<string, { spec: CollectionSpec; collection: Collection<Identified> }>();
  return {
    collection<T extends Identified>(spec: CollectionSpec): Collection<T> {
      const known = collections.get(spec.name);
      if (known) {
        checkSameSpec(known.spec, spec);
        return known.collection as Collection<T>;
      }
      checkSpec(spec);
      ensureTable(db, spec);
      const collection = sqliteCollection<T>(db, spec);
      collections.set(spec.name, { spec, collection: collection as Collection<Identified> });
      return collection;
    },
    outbox: sqliteOutbox(db),
    async ping() {
      db.stmt('SELECT 1').get();
    },
    async close() {
      if (!db.db.isOpen) return;
      db.flush();
      db.db.close();
      log?.info({ file }, 'sqlite store closed');
    },
  };
}
