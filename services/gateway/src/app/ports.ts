import type { IdempotencyRecord } from '../domain/idempotency.js';

export interface IdempotencyStore {
  /**
   * Claims the key for a new execution and returns null, or returns the
   * record already there (which the caller replays or refuses).
   */
  begin(id: string, fingerprint: string, now: Date): Promise<IdempotencyRecord | null>;
  finish(id: string, outcome: { state: 'DONE' | 'FAILED'; status: number; body: unknown }): Promise<void>;
}
