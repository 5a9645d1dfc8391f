import { STORE_DUPLICATE, type Store } from '@onewindow/store';
import { isDomainError } from '@onewindow/kernel';
import type { Partner } from '../domain/partner.js';
import type { PartnerRepository } from '../app/ports.js';

export const PARTNERS = { name: 'partners', indexes: [{ fields: ['divisionCode'] }] } as const;

export function storePartnerRepository(store: Store): PartnerRepository {
  const partners = store.collection<Partner>(PARTNERS);
  return {
    list: async () => (await partners.find({}, { sort: 'divisionCode' })).map((v) => v.value),
    ensure: async (partner) => {
      try {
        await partners.insert(partner);
      } catch (err) {
        if (!(isDomainError(err) && err.code === STORE_DUPLICATE)) throw err;
      }
    },
  };
}
