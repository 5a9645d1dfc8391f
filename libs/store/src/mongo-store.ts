/**
 * The cluster store: MongoDB (or any MongoDB-wire server such as FerretDB)
 * through mongoose. Every stored document is `{ _id, v, d, o }`: the caller's
 * JSON under `d`, its version under `v`, and its not-yet-relayed events under
 * `o`. A change and its events are one single-document write, which every
 * MongoDB-wire server makes atomic, so no multi-document transaction is used.
 */
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { conflict, type Logger } from '@onewindow/kernel';
import { Appended } from './appended.js';
import { compileFilter, compileFind, type Condition } from './filter.js';
import { DocumentLocks, ServerLocks, chainLocks, isDuplicateKey, type LockDoc, type WriteLocks } from './mongo-locks.js';
import { mergeOutbox, type OutboxRecord } from './mongo-outbox.js';
import type { Collection, CollectionSpec, Identified, Outbox, OutboxMessage, Store, Versioned } from './port.js';
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

export interface MongoStoreOptions {
  readonly uri: string;
  readonly database: string;
  readonly logger?: Logger;
}

interface StoredDoc {
  _id: string;
  v: number;
  d: unknown;
  o: OutboxRecord[];
}

interface Opened {
  readonly spec: CollectionSpec;
  readonly model: Model<StoredDoc>;
  /** Index creation; awaited before the first operation so unique indexes hold from the first write. */
  readonly ready: Promise<void>;
  readonly collection: Collection<Identified>;
}

const outboxSchema = new Schema<OutboxRecord>(
  {
    id: { type: String, required: true },
    topic: { type: String, required: true },
    key: { type: String, required: true },
    payload: { type: String, required: true },
    at: { type: Date, required: true },
    seq: { type: Number, required: true },
  },
  { _id: false },
);

function documentSchema(spec: CollectionSpec): Schema<StoredDoc> {
  const schema = new Schema<StoredDoc>(
    {
      _id: { type: String, required: true },
      v: { type: Number, required: true },
      d: { type: Schema.Types.Mixed, required: true },
      o: { type: [outboxSchema], default: [] },
    },
    // minimize:false keeps empty objects inside documents, as the SQLite adapter does.
    { strict: true, versionKey: false, minimize: false, autoIndex: false, autoCreate: false, id: false },
  );
  for (const index of spec.indexes ?? []) {
    const keys = Object.fromEntries(index.fields.map((field) => [`d.${field}`, 1 as const]));
    // Sparse, so that documents lacking a unique field do not collide on null (SQLite's NULLs are distinct too).
    const unique = index.unique ?? false;
    schema.index(keys, { name: indexName(spec.name, index), unique, sparse: unique });
  }
  // The relay reads documents by their oldest pending event.
  schema.index({ 'o.at': 1 }, { name: `ix_${spec.name}:outbox` });
  return schema;
}

/** Builds the query from validated conditions only: no caller object reaches MongoDB. */
function toQuery(conditions: readonly Condition[]): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const c of conditions) query[`d.${c.field}`] = c.op === 'eq' ? c.value : { $in: [...c.values] };
  return query;
}

/** Stored as JSON, so both adapters return the same thing (no Dates, no undefined). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

let sequence = 0;
/** `at` orders events across documents (approximately, across processes); `seq` breaks ties within a millisecond. */
function records(events: readonly OutboxMessage[]): OutboxRecord[] {
  const at = new Date();
  return events.map((e) => ({ id: e.id, topic: e.topic, key: e.key, payload: e.payload, at, seq: ++sequence }));
}

function mongoCollection<T extends Identified>(model: Model<StoredDoc>, ready: Promise<void>, name: string, locks: WriteLocks, appended: Appended): Collection<T> {
  const toVersioned = (doc: { v: number; d: unknown }): Versioned<T> => ({ value: doc.d as T, version: doc.v });

  return {
    async get(id) {
      checkId(id);
      await ready;
      const doc = await model.findById(id, { v: 1, d: 1 }).lean<StoredDoc>();
      return doc ? toVersioned(doc) : null;
    },

    async find(filter, options) {
      const query = compileFind(filter, options);
      if (query.limit === 0) return []; // MongoDB reads limit(0) as "no limit".
      const { field, descending } = query.sort;
      const where = toQuery(query.conditions);
      if (query.afterId !== undefined) where['_id'] = { [descending ? '$lt' : '$gt']: query.afterId };
      const dir = descending ? -1 : 1;
      const sort: Record<string, 1 | -1> = field === 'id' ? { _id: dir } : { [`d.${field}`]: dir, _id: 1 };
      await ready;
      let cursor = model.find(where, { v: 1, d: 1 }).sort(sort);
      if (query.limit !== undefined) cursor = cursor.limit(query.limit);
      const docs = await cursor.lean<StoredDoc[]>();
      return docs.map(toVersioned);
    },

    async count(filter) {
      const where = toQuery(compileFilter(filter));
      await ready;
      return model.countDocuments(where);
    },

    async insert(value, events = []) {
      checkDocument(value);
      checkEvents(events);
      const d = asJson(value);
      await ready;
      try {
        await model.create({ _id: value.id, v: 1, d, o: records(events) });
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict(STORE_DUPLICATE, `${name} ${value.id}: the id or a unique value is already taken`);
        throw err;
      }
      appended.committed(events);
      return { value: d as T, version: 1 };
    },

    async update(value, expectedVersion, events = []) {
      checkDocument(value);
      checkVersion(expectedVersion);
      checkEvents(events);
      const d = asJson(value);
      const change: Record<string, unknown> = { $set: { d, v: expectedVersion + 1 } };
      if (events.length > 0) change['$push'] = { o: { $each: records(events) } };
      await ready;
      let matched: number;
      try {
        ({ matchedCount: matched } = await locks.run([`${name}/${value.id}`], () => model.updateOne({ _id: value.id, v: expectedVersion }, change)));
      } catch (err) {
        if (isDuplicateKey(err)) throw conflict(STORE_DUPLICATE, `${name} ${value.id}: a unique value is already taken`);
        throw err;
      }
      if (matched === 0) {
        const current = await model.findById(value.id, { v: 1 }).lean<{ v: number }>();
        throw conflict(
          STORE_VERSION_CONFLICT,
          current
            ? `${name} ${value.id} is at version ${current.v}, not ${expectedVersion}`
            : `${name} ${value.id} does not exist`,
        );
      }
      appended.committed(events);
      return { value: d as T, version: expectedVersion + 1 };
    },
  };
}

function mongoOutbox(opened: ReadonlyMap<string, Opened>, conn: Connection, locks: WriteLocks, appended: Appended): Outbox {
  return {
    /** Scans the collections this store has opened: a relay opens every collection of its service first. */
    async pending(limit) {
      checkLimit(limit);
      const perCollection = await Promise.all(
        [...opened.values()].map(async ({ model, ready, spec }) => {
          await ready;
          const docs = await model
            .find({ 'o.0': { $exists: true } }, { o: 1 })
            .sort({ 'o.at': 1, _id: 1 })
            .limit(limit)
            .lean<{ _id: string; o: OutboxRecord[] }[]>();
          return docs.map((doc) => ({ collection: spec.name, documentId: doc._id, records: doc.o }));
        }),
      );
      return mergeOutbox(perCollection.flat(), limit);
    },

    /**
     * Removes the exact stored entries with $pullAll rather than a conditional
     * $pull ({ o: { id: { $in } } }), which FerretDB does not implement. A
     * concurrent update only appends entries, which $pullAll leaves alone.
     */
    async markPublished(entries) {
      checkEntries(entries);
      const byCollection = Map.groupBy(entries, (e) => e.collection);
      for (const [name, published] of byCollection) {
        checkSpec({ name });
        const ids = new Set(published.map((e) => e.id));
        const native = conn.collection<StoredDoc>(name);
        const docIds = [...new Set(published.map((e) => e.documentId))];
        // In slices: FerretDB 1.x never answers an update command of 100 statements or more.
        for (let i = 0; i < docIds.length; i += MARK_BATCH) {
          const slice = docIds.slice(i, i + MARK_BATCH);
          await locks.run(slice.map((id) => `${name}/${id}`), async () => {
            const docs = await native.find({ _id: { $in: slice } }, { projection: { o: 1 } }).toArray();
            const writes = docs
              .map((doc) => ({ _id: doc._id, gone: doc.o.filter((r) => ids.has(r.id)) }))
              .filter(({ gone }) => gone.length > 0)
              .map(({ _id, gone }) => ({ updateOne: { filter: { _id }, update: { $pullAll: { o: gone } } } }));
            if (writes.length > 0) await native.bulkWrite(writes, { ordered: false });
          });
        }
      }
    },

    watch: (listener) => appended.watch(listener),
  };
}

/** The lock documents of `ServerLocks`; not a name `checkSpec` accepts, so no service collection can take it. */
const LOCKS = '_locks';

/** Updates per bulkWrite when marking entries published. */
const MARK_BATCH = 50;

export async function connectMongoStore({ uri, database, logger }: MongoStoreOptions): Promise<Store> {
  const log = logger?.child({ component: 'store.mongo' });
  const conn = await mongoose.createConnection(uri, { dbName: database, autoIndex: false, autoCreate: false }).asPromise();
  const opened = new Map<string, Opened>();
  // FerretDB names itself in buildInfo; its updates are not atomic (see mongo-locks.ts).
  const info = await conn.db?.admin().command({ buildInfo: 1 });
  const atomicUpdates = !(info && 'ferretdbVersion' in info);
  const local = new DocumentLocks();
  const locks = atomicUpdates ? local : chainLocks(local, new ServerLocks(conn.collection<LockDoc>(LOCKS)));
  const appended = new Appended();
  log?.info({ database, atomicUpdates }, atomicUpdates ? 'mongo store connected' : 'mongo store connected; updates are not atomic on this server, so writes take a lock document');

  return {
    collection<T extends Identified>(spec: CollectionSpec): Collection<T> {
      const known = opened.get(spec.name);
      if (known) {
        checkSameSpec(known.spec, spec);
        return known.collection as Collection<T>;
      }
      checkSpec(spec);
      const model = conn.model<StoredDoc>(spec.name, documentSchema(spec), spec.name);
      // createIndexes, not syncIndexes: never drop an index another replica relies on at start-up
      // (FerretDB also reports index options back differently, so a sync would drop and recreate).
      const ready = model.createIndexes().then(() => undefined);
      ready.catch((err: unknown) => log?.error({ err, collection: spec.name }, 'index creation failed'));
      const collection = mongoCollection<T>(model, ready, spec.name, locks, appended);
      opened.set(spec.name, { spec, model, ready, collection: collection as Collection<Identified> });
      return collection;
    },
    outbox: mongoOutbox(opened, conn, locks, appended),
    async ping() {
      await conn.db?.command({ ping: 1 });
    },
    async close() {
      await conn.close();
      log?.info({ database }, 'mongo store closed');
    },
  };
}
