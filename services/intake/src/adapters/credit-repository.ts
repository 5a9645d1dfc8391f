import type { Store } from '@onewindow/store';
import type { CreditRecords } from '../app/ports.js';
import type { CreditRecord } from '../domain/credit.js';

export const CREDIT_RECORDS = { name: 'credit_records', indexes: [{ fields: ['flagged'] }] } as const;

/** Credit flags kept by intake's administrators; a credit platform's feed would sit behind the same port. */
export function storeCreditRecords(store: Store): CreditRecords {
  const records = store.collection<CreditRecord>(CREDIT_RECORDS);
  return {
    get: async (applicantId) => {
      const found = await records.get(applicantId);
      return found ? { record: found.value, version: found.version } : null;
    },
    save: async (record, expectedVersion) => {
      if (expectedVersion === null) await records.insert(record);
      else await records.update(record, expectedVersion);
    },
  };
}
