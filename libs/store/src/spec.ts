/**
 * Checks shared by both adapters on what is written: collection specs,
 * document ids, versions and outbox messages. Types already say most of this;
 * the checks are for values that arrive from outside typed code.
 */
import { invalid } from '@onewindow/kernel/errors';
import { isValidField } from './filter.js';
import { STORE_BAD_INPUT, STORE_BAD_SPEC, type CollectionSpec, type Identified, type IndexSpec, type OutboxEntry, type OutboxMessage } from './port.js';

/** A table name in SQLite and a collection name in MongoDB, so plain identifiers only. */
const COLLECTION = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** `outbox` is the SQLite relay table, `_locks` the MongoDB write locks; `sqlite_` and `system` prefixes belong to the engines. */
const RESERVED = /^(outbox$|_locks$|sqlite_|system)/i;

export function checkSpec(spec: CollectionSpec): void {
  if (!COLLECTION.test(spec.name) || RESERVED.test(spec.name)) {
    throw invalid(STORE_BAD_SPEC, `collection name "${spec.name}" is not allowed`);
  }
  for (const index of spec.indexes ?? []) {
    if (index.fields.length === 0 || !index.fields.every(isValidField)) {
      throw invalid(STORE_BAD_SPEC, `index [${index.fields.join(', ')}] on "${spec.name}" has a bad field name`);
    }
  }
}

/**
 * A stable name per index, so that reopening finds the index it created
 * before. `:` and `,` cannot occur in names or fields, so two specs never
 * share a name. Always used quoted in SQL.
 */
export function indexName(collection: string, index: IndexSpec): string {
  return `ix_${collection}:${index.fields.join(',')}${index.unique ? ':unique' : ''}`;
}

/** One name, one spec per store: a second spec with other indexes is a wiring bug, not something to merge. */
export function checkSameSpec(known: CollectionSpec, spec: CollectionSpec): void {
  const names = (s: CollectionSpec) => (s.indexes ?? []).map((i) => indexName(s.name, i)).sort().join(',');
  if (names(known) !== names(spec)) {
    throw invalid(STORE_BAD_SPEC, `collection "${spec.name}" was already opened with other indexes`);
  }
}

export function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) throw invalid(STORE_BAD_INPUT, 'document id must be a non-empty string');
}

export function checkDocument(value: Identified): void {
  const raw: unknown = value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(STORE_BAD_INPUT, 'document must be a JSON object');
  }
  checkId(value.id);
}

export function checkVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw invalid(STORE_BAD_INPUT, 'expected version must be a positive integer');
  }
}

export function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw invalid(STORE_BAD_INPUT, 'outbox limit must be a positive integer');
}

export function checkEntries(entries: readonly OutboxEntry[]): void {
  const ids: unknown[] = entries.map((e) => e.id);
  if (!ids.every((id) => typeof id === 'string')) throw invalid(STORE_BAD_INPUT, 'outbox entry ids must be strings');
}

export function checkEvents(events: readonly OutboxMessage[]): void {
  for (const e of events) {
    const fields: unknown[] = [e.id, e.topic, e.key, e.payload];
    if (!fields.every((f) => typeof f === 'string') || e.id.length === 0 || e.topic.length === 0) {
      throw invalid(STORE_BAD_INPUT, 'outbox message needs string id, topic, key and payload');
    }
  }
}
