import { isDomainError } from '@onewindow/kernel';
import { STORE_DUPLICATE, type Store } from '@onewindow/store';
import type { SealKey, SealKeyRepository } from '../app/ports.js';

/**
 * Seal keys in the service's own store (embedded and demo deployments). The
 * private key sits in the document: production would put an HSM/KMS adapter
 * behind the same port instead.
 */
export const SEAL_KEYS = { name: 'seal_keys' } as const;

export function storeSealKeyRepository(store: Store): SealKeyRepository {
  const keys = store.collection<SealKey>(SEAL_KEYS);
  return {
    get: async (id) => (await keys.get(id))?.value ?? null,
    createIfAbsent: async (key) => {
      try {
        return (await keys.insert(key)).value;
      } catch (err) {
        if (!(isDomainError(err) && err.code === STORE_DUPLICATE)) throw err;
        const stored = await keys.get(key.id);
        if (!stored) throw err;
        return stored.value;
      }
    },
  };
}
