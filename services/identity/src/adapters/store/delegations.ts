import type { Store } from '@onewindow/store';
import type { Delegation } from '../../domain/index.js';
import type { DelegationRepository } from '../../app/ports.js';

export function storeDelegationRepository(store: Store): DelegationRepository {
  const delegations = store.collection<Delegation>({
    name: 'delegations',
    indexes: [{ fields: ['principalId'] }, { fields: ['substituteId'] }],
  });
  const list = async (field: 'principalId' | 'substituteId', id: string) =>
    (await delegations.find({ [field]: id }, { limit: 1000, sort: 'from' })).map((d) => d.value);
  return {
    get: async (id) => {
      const found = await delegations.get(id);
      return found ? { delegation: found.value, version: found.version } : null;
    },
    listByPrincipal: (id) => list('principalId', id),
    listBySubstitute: (id) => list('substituteId', id),
    insert: async (delegation, events) => void (await delegations.insert(delegation, events)),
    update: async (delegation, expectedVersion, events) => void (await delegations.update(delegation, expectedVersion, events)),
  };
}
