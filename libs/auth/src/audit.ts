import { createHash } from 'node:crypto';
import { isDomainError, type Clock } from '@onewindow/kernel';
import type { Principal } from './principal.js';

/**
 * The audit trail: append-only and hash-chained. Each entry's hash is SM3
 * (GB/T 32905) over the previous entry's hash and the entry's canonical
 * JSON, so changing, removing or reordering any stored entry breaks every
 * hash after it, and `verifyChain` says where.
 *
 * The trail is written through a structural collection (the store's
 * `Collection<AuditEntry>` fits it), so this module needs no store
 * dependency; services open it on their own store with `AUDIT_COLLECTION`.
 */

/** Who acted, as the token said; never the token itself. Empty strings where the caller has no such attribute. */
export interface AuditActor {
  readonly subject: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly orgUnit: string;
  readonly agency: string;
  readonly hall: string;
  readonly clientId: string;
}

export type AuditOutcome = 'ALLOWED' | 'DENIED';

/** What happened: who, what, when, from which window, with which trace, and the outcome with its reason. */
export interface AuditRecord {
  /** ISO instant from the caller's clock. */
  readonly at: string;
  /** The service that decided (`intake`, `identity`, …). */
  readonly service: string;
  readonly actor: AuditActor;
  /** The action or gRPC method (`onewindow.intake.v1.IntakeService/AcceptCase`). */
  readonly action: string;
  /** The resource acted on when known (`case:…`), else empty. */
  readonly resource: string;
  /** The window (窗口) the request came from, when the caller said. */
  readonly window: string;
  readonly traceId: string;
  readonly outcome: AuditOutcome;
  readonly reason: string;
  /** AB角: the principal the actor stood in for, when they did. */
  readonly onBehalfOf: string;
  /** For a collected entry: the trail it was first written to. */
  readonly source?: { readonly service: string; readonly entryId: string; readonly hash: string };
}

export interface AuditEntry extends AuditRecord {
  /** The sequence number, zero-padded to 12 digits: ids sort in chain order. */
  readonly id: string;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export const AUDIT_HASH_ALGORITHM = 'sm3';
/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const auditEntryId = (seq: number): string => String(seq).padStart(12, '0');

export function actorOf(principal: Principal | null): AuditActor {
  return {
    subject: principal?.subject ?? '',
    username: principal?.username ?? '',
    roles: [...(principal?.roles ?? [])],
    orgUnit: principal?.orgUnit ?? '',
    agency: principal?.agency ?? '',
    hall: principal?.hall ?? '',
    clientId: principal?.clientId ?? '',
  };
}

/** JSON with object keys sorted at every depth and undefined members left out: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What the hash covers: everything but the hash itself. */
function hashOf(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash(AUDIT_HASH_ALGORITHM).update(entry.prevHash).update(canonicalJson(entry)).digest('hex');
}

/** The entry that follows `previous` (or starts the chain). Pure. */
export function sealEntry(previous: Pick<AuditEntry, 'seq' | 'hash'> | null, record: AuditRecord): AuditEntry {
  const seq = (previous?.seq ?? 0) + 1;
  const unsealed = { ...record, id: auditEntryId(seq), seq, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: hashOf(unsealed) };
}

export interface ChainVerification {
  readonly valid: boolean;
  /** Entries checked. */
  readonly checked: number;
  /** The first entry that does not hold, when invalid. */
  readonly brokenAt?: number;
  readonly problem?: string;
}

/**
 * Checks a run of consecutive entries: sequence without gaps, each linked
 * to the previous hash, each hash recomputed. `after` is the entry before
 * the run (omit it to check from the start of the chain).
 */
export function verifyChain(entries: readonly AuditEntry[], after?: Pick<AuditEntry, 'seq' | 'hash'>): ChainVerification {
  let previous = after ?? null;
  let checked = 0;
  for (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const broken = (problem: string): ChainVerification => ({ valid: false, checked, brokenAt: expectedSeq, problem });
    if (entry.seq !== expectedSeq || entry.id !== auditEntryId(entry.seq)) return broken(`entry ${expectedSeq} is missing or out of order`);
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH)) return broken(`entry ${expectedSeq} does not link to the entry before it`);
    const { hash, ...rest } = entry;
    if (hashOf(rest) !== hash) return broken(`entry ${expectedSeq} was changed after it was written`);
    previous = entry;
    checked += 1;
  }
  return { valid: true, checked };
}

/** The subset of the store's Collection the trail uses: find and insert, never update. */
export interface AuditCollection {
  find(
    filter: Readonly<Record<string, string | number | boolean | null>>,
    options?: { readonly limit?: number; readonly sort?: string; readonly afterId?: string },
  ): Promise<readonly { readonly value: AuditEntry }[]>;
  insert(value: AuditEntry, events?: readonly AuditOutboxMessage[]): Promise<unknown>;
}

/** An outbox message written with the entry (the store's OutboxMessage). */
export interface AuditOutboxMessage {
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  readonly payload: string;
}

/** The collection every trail lives in; `actor.subject` is indexed for "what did this person do". */
export const AUDIT_COLLECTION = {
  name: 'audit_trail',
  indexes: [{ fields: ['actor.subject'] }],
} as const;

export interface AuditTrailOptions {
  readonly collection: AuditCollection;
  /** Events announcing an entry, committed with it (outbox). */
  readonly announce?: (entry: AuditEntry) => readonly AuditOutboxMessage[];
  /** How often an append retries after another writer took the same sequence number. */
  readonly maxAttempts?: number;
}

export interface AuditTrail {
  append(record: AuditRecord): Promise<AuditEntry>;
  /** Entries in chain order; filter on fields such as `actor.subject`. */
  list(filter?: Readonly<Record<string, string>>, page?: { afterId?: string; limit?: number }): Promise<AuditEntry[]>;
  /** Walks the whole chain. */
  verify(): Promise<ChainVerification>;
}

const PAGE = 500;

export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const { collection } = options;
  const maxAttempts = options.maxAttempts ?? 20;
  // Appends from one process are serialised; another process racing for a sequence number loses on the unique id and retries.
  let queue: Promise<unknown> = Promise.resolve();

  const last = async (): Promise<AuditEntry | null> => (await collection.find({}, { sort: '-id', limit: 1 }))[0]?.value ?? null;

  const appendNow = async (record: AuditRecord): Promise<AuditEntry> => {
    for (let attempt = 1; ; attempt++) {
      const entry = sealEntry(await last(), record);
      try {
        await collection.insert(entry, options.announce?.(entry) ?? []);
        return entry;
      } catch (err) {
        if (!isDomainError(err) || err.kind !== 'conflict' || attempt >= maxAttempts) throw err;
      }
    }
  };

  return {
    append(record) {
      const result = queue.then(() => appendNow(record));
      queue = result.catch(() => undefined);
      return result;
    },
    async list(filter = {}, page = {}) {
      const found = await collection.find(filter, { limit: page.limit ?? 100, ...(page.afterId ? { afterId: page.afterId } : {}) });
      return found.map((f) => f.value);
    },
    async verify() {
      let previous: AuditEntry | undefined;
      let checked = 0;
      for (;;) {
        const batch = (await collection.find({}, { limit: PAGE, ...(previous ? { afterId: previous.id } : {}) })).map((f) => f.value);
        const result = verifyChain(batch, previous);
        checked += result.checked;
        if (!result.valid) return { ...result, checked };
        if (batch.length < PAGE) return { valid: true, checked };
        previous = batch.at(-1);
      }
    },
  };
}

/** A record of a decision, for callers that audit what they allowed or refused. */
export function auditRecord(input: {
  clock: Clock;
  service: string;
  principal: Principal | null;
  action: string;
  outcome: AuditOutcome;
  reason: string;
  resource?: string;
  window?: string;
  traceId?: string;
  onBehalfOf?: string;
}): AuditRecord {
  return {
    at: input.clock.now().toISOString(),
    service: input.service,
    actor: actorOf(input.principal),
    action: input.action,
    resource: input.resource ?? '',
    window: input.window ?? '',
    traceId: input.traceId ?? '',
    outcome: input.outcome,
    reason: input.reason,
    onBehalfOf: input.onBehalfOf ?? '',
  };
}
