import { STORE_DUPLICATE, type Store } from '@onewindow/store';
import { isDomainError } from '@onewindow/kernel';
import { mayRerun, type IdempotencyRecord } from '../../domain/idempotency.js';
import type { IdempotencyStore } from '../../app/ports.js';

export function storeIdempotency(store: Store): IdempotencyStore {
  const records = store.collection<IdempotencyRecord>({ name: 'idempotency_keys' });
  return {
    async begin(id, fingerprint, now) {
      const fresh: IdempotencyRecord = { id, fingerprint, state: 'IN_PROGRESS', createdAt: now.toISOString() };
      try {
        await records.insert(fresh);
        return null;
      } catch (err) {
        if (!(isDomainError(err) && err.code === STORE_DUPLICATE)) throw err;
      }
      const existing = await records.get(id);
      if (!existing) return this.begin(id, fingerprint, now);
      if (existing.value.fingerprint === fingerprint && mayRerun(existing.value, now.getTime())) {
        // Only one concurrent retry wins the version; the others see a conflict and are refused.
        await records.update(fresh, existing.version);
        return null;
      }
      return existing.value;
    },
    async finish(id, outcome) {
      const existing = await records.get(id);
      if (!existing) return;
      await records.update({ ...existing.value, ...outcome }, existing.version);
    },
  };
}
