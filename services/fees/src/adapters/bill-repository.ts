import { isDomainError } from '@onewindow/kernel';
import { STORE_DUPLICATE, type Store } from '@onewindow/store';
import type { Bill } from '../domain/bill.js';
import type { BillRepository } from '../app/ports.js';

export const BILLS = {
  name: 'bills',
  indexes: [
    // One bill per case and fee item: what makes billing idempotent.
    { fields: ['caseId', 'itemCode'], unique: true },
    { fields: ['paymentCode'], unique: true },
  ],
} as const;

export function storeBillRepository(store: Store): BillRepository {
  const bills = store.collection<Bill>(BILLS);
  return {
    async add(bill, events) {
      try {
        await bills.insert(bill, events);
        return 'ADDED';
      } catch (err) {
        if (isDomainError(err) && err.code === STORE_DUPLICATE) return 'DUPLICATE';
        throw err;
      }
    },
    async forCaseItem(caseId, itemCode) {
      const [found] = await bills.find({ caseId, itemCode }, { limit: 1 });
      return found?.value ?? null;
    },
    async forCase(caseId) {
      return (await bills.find({ caseId }, { sort: 'issuedAt', limit: 100 })).map((v) => v.value);
    },
  };
}
