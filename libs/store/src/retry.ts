import { isDomainError } from '@onewindow/kernel/errors';
import { STORE_DUPLICATE, STORE_VERSION_CONFLICT } from './port.js';

/**
 * Whether a write failed because another writer got there first: the
 * document moved on (a version conflict), or was created meanwhile (a
 * duplicate on insert). Read again and decide again.
 */
export function lostWriteRace(err: unknown): boolean {
  return isDomainError(err) && (err.code === STORE_VERSION_CONFLICT || err.code === STORE_DUPLICATE);
}

/**
 * Runs a read-decide-write step again when another writer got there first,
 * so the second caller gets the answer the new state gives (e.g. "already
 * claimed") rather than a bare version conflict. The step must read what it
 * writes on every run; after `attempts` runs the conflict is thrown.
 */
export async function retryOnVersionConflict<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (attempt >= attempts || !(isDomainError(err) && err.code === STORE_VERSION_CONFLICT)) throw err;
    }
  }
}
