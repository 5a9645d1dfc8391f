import { isDomainError } from '@onewindow/kernel';
import { STORE_DUPLICATE, type Store } from '@onewindow/store';
import type { Licence } from '../../domain/licence.js';
import type { LicenceRepository } from '../../app/ports.js';

/** One licence per case: the unique index is what makes a redelivered decision harmless. */
export const LICENCES = {
  name: 'licences',
  indexes: [{ fields: ['caseId'], unique: true }, { fields: ['holderId', 'issuedAt'] }],
} as const;

export function storeLicenceRepository(store: Store): LicenceRepository {
  const licences = store.collection<Licence>(LICENCES);
  return {
    get: async (id) => (await licences.get(id))?.value ?? null,
    findByCase: async (caseId) => (await licences.find({ caseId }, { limit: 1 }))[0]?.value ?? null,
    create: async (licence, events) => {
      try {
        await licences.insert(licence, events);
        return true;
      } catch (err) {
        if (isDomainError(err) && err.code === STORE_DUPLICATE) return false;
        throw err;
      }
    },
  };
}
