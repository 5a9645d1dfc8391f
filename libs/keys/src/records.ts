import type { Clock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { keyInfo, keyNotFound, keyRetired, type KeyAlgorithm, type KeyInfo, type KeyPort, type KeyRecord, type KeyRecords } from './port.js';

/** Key records in a service's store collection (default `keys`). */
export function storeKeyRecords(store: Store, name = 'keys'): KeyRecords {
  const keys = store.collection<KeyRecord>({ name });
  return {
    get: async (id) => (await keys.get(id))?.value ?? null,
    list: async () => (await keys.find({}, { limit: 1000 })).map((k) => k.value),
    async put(record) {
      const existing = await keys.get(record.id);
      if (existing) await keys.update(record, existing.version);
      else await keys.insert(record);
    },
  };
}

/** Records in memory: tests, and the PKCS#11 adapter's scratch use. */
export function memoryKeyRecords(): KeyRecords & { readonly all: Map<string, KeyRecord> } {
  const all = new Map<string, KeyRecord>();
  return {
    all,
    get: async (id) => all.get(id) ?? null,
    list: async () => [...all.values()],
    put: async (record) => void all.set(record.id, record),
  };
}

/** Infos of the records under one label (or all), oldest first. */
export function sortedInfos(records: readonly KeyRecord[], label?: string): KeyInfo[] {
  return records
    .filter((r) => label === undefined || r.label === label)
    .map(keyInfo)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * The part of the port every adapter keeps the same way, in its records: reading,
 * rotating (a new key, the old one retired and naming its successor) and retiring.
 * `make` creates a key where the adapter holds keys; `onRetire` lets it stop the key there too.
 */
export function recordKeeping(
  records: KeyRecords,
  clock: Clock,
  make: (label: string, algorithm: KeyAlgorithm) => Promise<KeyRecord>,
  onRetire: (keyId: string) => void = () => {},
) {
  const must = async (id: string) => (await records.get(id)) ?? Promise.reject(keyNotFound(id));
  const operations: Pick<KeyPort, 'publicKey' | 'get' | 'list' | 'rotate' | 'retire'> = {
    publicKey: async (keyId) => (await must(keyId)).publicKeyPem,
    get: async (keyId) => {
      const r = await records.get(keyId);
      return r ? keyInfo(r) : null;
    },
    list: async (label) => sortedInfos(await records.list(), label),
    async rotate(keyId) {
      const old = await must(keyId);
      if (old.retiredAt !== undefined) throw keyRetired(keyId);
      const next = await make(old.label, old.algorithm);
      await records.put({ ...old, retiredAt: next.createdAt, replacedBy: next.id });
      return keyInfo(next);
    },
    async retire(keyId) {
      const r = await must(keyId);
      if (r.retiredAt !== undefined) return keyInfo(r);
      const retired = { ...r, retiredAt: clock.now().toISOString() };
      await records.put(retired);
      onRetire(keyId);
      return keyInfo(retired);
    },
  };
  return { must, operations };
}
