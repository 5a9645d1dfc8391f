/**
 * Filter and find-option validation shared by every adapter, so that a query
 * refused by one is refused by all, and nothing a caller sends reaches a
 * query language unchecked (no `{ $gt: '' }` operator injection).
 */
import { invalid } from '@onewindow/kernel';
import { STORE_BAD_FILTER, type Filter, type FindOptions, type Scalar } from './port.js';

/**
 * Dot-separated identifiers. Stricter than "letters, digits, `_` and `.`":
 * empty and numeric segments (`a..b`, `items.0`) are refused because SQLite
 * JSON paths and MongoDB paths read them differently.
 */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Size limits: a filter is a lookup, not a bulk export. */
const MAX_FIELDS = 16;
const MAX_IN_VALUES = 1000;

export type Condition =
  | { readonly field: string; readonly op: 'eq'; readonly value: Scalar }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly Scalar[] };

export interface Sort {
  readonly field: string;
  readonly descending: boolean;
}

export interface FindQuery {
  readonly conditions: readonly Condition[];
  readonly sort: Sort;
  /** Undefined means no limit. */
  readonly limit: number | undefined;
  readonly afterId: string | undefined;
}

const bad = (field: string, message: string) => invalid(STORE_BAD_FILTER, message, [{ field, message }]);

export function isValidField(name: unknown): name is string {
  return typeof name === 'string' && FIELD.test(name);
}

function isScalar(value: unknown): value is Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  // NaN and Infinity have no JSON form, so they can never match a stored value.
  return typeof value === 'number' && Number.isFinite(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function toCondition(field: string, value: unknown): Condition {
  if (!isValidField(field)) throw bad(field, `filter field "${field}" is not a valid field name`);
  if (isScalar(value)) return { field, op: 'eq', value };
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const values = value['in'];
    if (keys.length === 1 && keys[0] === 'in' && Array.isArray(values)) {
      if (values.length > MAX_IN_VALUES) throw bad(field, `"in" on "${field}" has more than ${MAX_IN_VALUES} values`);
      if (values.every(isScalar)) return { field, op: 'in', values: [...values] };
    }
  }
  throw bad(field, `filter on "${field}" must be a string, number, boolean, null or { in: [...] } of those`);
}

/** Validates a filter received from anywhere (typed or not) and returns its conditions, ANDed. */
export function compileFilter(filter: Filter): Condition[] {
  // Typed as Filter, checked as unknown: callers pass along what a client sent.
  const raw: unknown = filter;
  if (!isPlainObject(raw)) throw bad('filter', 'filter must be a plain object');
  const entries = Object.entries(raw);
  if (entries.length > MAX_FIELDS) throw bad('filter', `filter has more than ${MAX_FIELDS} fields`);
  return entries.map(([field, value]) => toCondition(field, value));
}

function compileSort(sort: unknown): Sort {
  if (sort === undefined) return { field: 'id', descending: false };
  if (typeof sort !== 'string') throw bad('sort', 'sort must be a field name');
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  if (!isValidField(field)) throw bad('sort', `sort field "${field}" is not a valid field name`);
  return { field, descending };
}

/** Validates a filter and find options together. */
export function compileFind(filter: Filter, options: FindOptions = {}): FindQuery {
  const conditions = compileFilter(filter);
  const raw: unknown = options;
  if (!isPlainObject(raw)) throw bad('options', 'find options must be a plain object');
  const { limit, afterId, sort: rawSort } = raw;
  const sort = compileSort(rawSort);
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0)) {
    throw bad('limit', 'limit must be a non-negative integer');
  }
  if (afterId !== undefined && typeof afterId !== 'string') throw bad('afterId', 'afterId must be a string');
  // Keyset pagination by id is only sound when id is the sort key.
  if (afterId !== undefined && sort.field !== 'id') throw bad('afterId', 'afterId requires sorting by id');
  return { conditions, sort, limit, afterId };
}
