import type { Store } from '@onewindow/store';
import type { KeyRecord, KeyRecords } from './port.js';

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
