import { createHash } from 'node:crypto';
import { conflict, invalid } from '@onewindow/kernel/errors';

/**
 * Idempotency-Key handling (IETF draft-ietf-httpapi-idempotency-key-header):
 * the first request with a key is executed and its response kept; a replay
 * with the same key and the same body gets that response again; the same key
 * with a different body, or while the first is still running, is refused.
 */
export interface IdempotencyRecord {
  readonly id: string;
  readonly fingerprint: string;
  readonly state: 'IN_PROGRESS' | 'DONE' | 'FAILED';
  readonly status?: number;
  readonly body?: unknown;
  readonly createdAt: string;
}

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export function recordId(subject: string, method: string, path: string, key: string): string {
  if (!KEY.test(key))
    throw invalid('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 8 to 128 characters of A-Z a-z 0-9 _ . : -');
  return createHash('sha256').update(`${subject}\n${method}\n${path}\n${key}`).digest('hex');
}

export function fingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

/** A request that failed on the server side, or whose first attempt died, may run again. */
export function mayRerun(existing: IdempotencyRecord, nowMs: number, staleAfterMs = 60_000): boolean {
  return existing.state === 'FAILED' || (existing.state === 'IN_PROGRESS' && nowMs - Date.parse(existing.createdAt) > staleAfterMs);
}

/** What to do with a request whose key has a record that may not run again. */
export function replayOf(existing: IdempotencyRecord, requestFingerprint: string): { status: number; body: unknown } {
  if (existing.fingerprint !== requestFingerprint)
    throw invalid('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request body');
  if (existing.state !== 'DONE' || existing.status === undefined)
    throw conflict('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed');
  return { status: existing.status, body: existing.body };
}
