/**
 * Validated conditions → SQL over JSON documents. Field paths are written into
 * the SQL text (they passed the field-name check, so they cannot break out of
 * the string literal) because SQLite only uses an expression index when the
 * query repeats the indexed expression literally; values are always bound.
 */
import type { SQLInputValue } from 'node:sqlite';
import type { Condition, FindQuery } from './filter.js';
import type { Scalar } from './port.js';

export interface SqlPart {
  readonly sql: string;
  readonly params: SQLInputValue[];
}

export const extract = (field: string) => `json_extract(doc, '$.${field}')`;
const jsonType = (field: string) => `json_type(doc, '$.${field}')`;

/**
 * json_extract maps JSON true/false to 1/0 and returns the text of nested
 * objects, so every comparison also checks the JSON type: `true` never
 * matches 1 and the string '{}' never matches an object. A null filter value
 * matches a JSON null or a missing field, as MongoDB does.
 */
function matchAny(field: string, values: readonly Scalar[]): SqlPart {
  const x = extract(field);
  const parts: string[] = [];
  const params: SQLInputValue[] = [];
  const strings = values.filter((v) => typeof v === 'string');
  const numbers = values.filter((v) => typeof v === 'number');
  if (strings.length > 0) {
    parts.push(`(${x} IN (SELECT value FROM json_each(?)) AND ${jsonType(field)} = 'text')`);
    params.push(JSON.stringify(strings));
  }
  if (numbers.length > 0) {
    parts.push(`(${x} IN (SELECT value FROM json_each(?)) AND ${jsonType(field)} IN ('integer', 'real'))`);
    params.push(JSON.stringify(numbers));
  }
  for (const b of [true, false]) {
    if (values.includes(b)) parts.push(`(${x} = ${b ? 1 : 0} AND ${jsonType(field)} = '${b}')`);
  }
  if (values.includes(null)) parts.push(`${x} IS NULL`);
  return { sql: parts.length === 0 ? '0' : `(${parts.join(' OR ')})`, params };
}

function matchOne(field: string, value: Scalar): SqlPart {
  const x = extract(field);
  if (typeof value === 'string') return { sql: `(${x} = ? AND ${jsonType(field)} = 'text')`, params: [value] };
  if (typeof value === 'number') {
    return { sql: `(${x} = ? AND ${jsonType(field)} IN ('integer', 'real'))`, params: [value] };
  }
  return matchAny(field, [value]);
}

export function whereSql(conditions: readonly Condition[], afterId?: { id: string; descending: boolean }): SqlPart {
  const parts = conditions.map((c) => (c.op === 'eq' ? matchOne(c.field, c.value) : matchAny(c.field, c.values)));
  if (afterId) parts.push({ sql: afterId.descending ? 'id < ?' : 'id > ?', params: [afterId.id] });
  if (parts.length === 0) return { sql: '', params: [] };
  return { sql: ` WHERE ${parts.map((p) => p.sql).join(' AND ')}`, params: parts.flatMap((p) => p.params) };
}

/** Ties are broken by id so that pages are stable. */
export function orderSql({ sort }: FindQuery): string {
  const dir = sort.descending ? 'DESC' : 'ASC';
  if (sort.field === 'id') return ` ORDER BY id ${dir}`;
  return ` ORDER BY ${extract(sort.field)} ${dir}, id ASC`;
}

export function findSql(table: string, query: FindQuery): SqlPart {
  const after = query.afterId === undefined ? undefined : { id: query.afterId, descending: query.sort.descending };
  const where = whereSql(query.conditions, after);
  return {
    // A negative LIMIT means none in SQLite, so one statement serves both cases.
    sql: `SELECT id, version, doc FROM "${table}"${where.sql}${orderSql(query)} LIMIT ?`,
    params: [...where.params, query.limit ?? -1],
  };
}
