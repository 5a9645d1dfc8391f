/**
 * The store port: every service's repositories use this one interface, with
 * an embedded adapter (SQLite via node:sqlite, one file per service) and a
 * MongoDB adapter (mongoose). Both pass the same contract suite.
 *
 * Documents are plain JSON objects with a string `id`. Every document carries
 * a version for optimistic concurrency: `update` succeeds only against the
 * version that was read. Events written with a change are committed in the
 * same atomic write (the outbox): a single-document write in MongoDB (the
 * events ride inside the document until relayed, so no multi-document
 * transaction is ever needed), a single transaction in SQLite.
 */

export interface Identified {
  readonly id: string;
}

export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

/** A scalar a filter may compare with; objects are never accepted (no operator injection). */
export type Scalar = string | number | boolean | null;

/**
 * Equality on top-level or dotted fields, or membership with `{ in: [...] }`.
 * Adapters reject any other shape before it reaches a query.
 */
export type Filter = Readonly<Record<string, Scalar | { readonly in: readonly Scalar[] }>>;

export interface FindOptions {
  readonly limit?: number;
  /** Field to sort by, ascending; prefix with '-' for descending. Default: id ascending. */
  readonly sort?: string;
  /** Skip documents up to and including this id in sort order `id` (keyset pagination). */
  readonly afterId?: string;
}

/** An event to publish once the write that produced it has committed. */
export interface OutboxMessage {
  /** Event id (the envelope's id): consumers dedupe on it. */
  readonly id: string;
  readonly topic: string;
  /** Partition key: the case id, so each case's events stay in order. */
  readonly key: string;
  /** The serialised CloudEvents envelope. */
  readonly payload: string;
}

export interface OutboxEntry extends OutboxMessage {
  readonly collection: string;
  readonly documentId: string;
}

export interface IndexSpec {
  readonly fields: readonly string[];
  readonly unique?: boolean;
}

/** One schema source for both adapters: the collection name and its indexes. */
export interface CollectionSpec {
  readonly name: string;
  readonly indexes?: readonly IndexSpec[];
}

/**
 * How durable a write must be before it resolves. `full` (the default): it
 * survives a power cut. `relaxed`: it survives the process being killed, and
 * a power cut may undo it, but never half of it. Only for writes that are
 * safe to lose and redo: a consumer's "already handled" marker (the event is
 * redelivered and the handler is idempotent), the outbox's "published" mark
 * (the event is published again and consumers dedupe). Adapters may treat
 * every write as `full`.
 */
export type Durability = 'full' | 'relaxed';

export interface WriteOptions {
  readonly durability?: Durability;
}

export interface Collection<T extends Identified> {
  get(id: string): Promise<Versioned<T> | null>;
  find(filter: Filter, options?: FindOptions): Promise<Versioned<T>[]>;
  count(filter: Filter): Promise<number>;
  /** Creates version 1. Throws a `conflict` DomainError if the id or a unique index value exists. */
  insert(value: T, events?: readonly OutboxMessage[], options?: WriteOptions): Promise<Versioned<T>>;
  /**
   * Replaces the document if its stored version is `expectedVersion`, producing
   * `expectedVersion + 1`. Throws a `conflict` DomainError (code
   * STORE_VERSION_CONFLICT) otherwise, and writes nothing.
   */
  update(value: T, expectedVersion: number, events?: readonly OutboxMessage[], options?: WriteOptions): Promise<Versioned<T>>;
}

export interface Outbox {
  /** Oldest first; a document's events in the order they were written. */
  pending(limit: number): Promise<OutboxEntry[]>;
  /** Removes relayed entries. Idempotent; a relaxed write (losing it only republishes). */
  markPublished(entries: readonly OutboxEntry[]): Promise<void>;
  /**
   * Calls `listener` each time a write through this store that added entries
   * has committed, so a relay need not poll for them. Entries that other
   * processes write are not announced: a relay still looks now and then.
   * Returns a function that stops the calls.
   */
  watch(listener: () => void): () => void;
}

export interface Store {
  collection<T extends Identified>(spec: CollectionSpec): Collection<T>;
  readonly outbox: Outbox;
  /** Resolves when the store answers; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const STORE_VERSION_CONFLICT = 'STORE_VERSION_CONFLICT';
export const STORE_DUPLICATE = 'STORE_DUPLICATE';
export const STORE_BAD_FILTER = 'STORE_BAD_FILTER';
export const STORE_BAD_SPEC = 'STORE_BAD_SPEC';
export const STORE_BAD_INPUT = 'STORE_BAD_INPUT';
