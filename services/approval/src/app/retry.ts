import { isDomainError } from '@onewindow/kernel';
import { STORE_VERSION_CONFLICT } from '@onewindow/store';

const ATTEMPTS = 5;

/**
 * Runs a read-decide-write step again when another writer got there first,
 * so the second caller gets the answer the new state gives (e.g. "already
 * claimed") rather than a bare version conflict.
 */
export async function retryOnVersionConflict<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (attempt >= ATTEMPTS || !(isDomainError(err) && err.code === STORE_VERSION_CONFLICT)) throw err;
    }
  }
}
