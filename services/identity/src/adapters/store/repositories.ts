import type { Collection, Identified, Store } from '@onewindow/store';
import type { ClientApplication, UserAccount } from '../../domain/index.js';
import type { ClientRegistry, SigningKeyRepository, StoredSigningKey, UserDirectory } from '../../app/ports.js';

/** Creates or replaces by id, against the version read (a concurrent writer makes it fail, not overwrite). */
export async function put<T extends Identified>(collection: Collection<T>, value: T): Promise<void> {
  const existing = await collection.get(value.id);
  if (existing) await collection.update(value, existing.version);
  else await collection.insert(value);
}

export function storeUserDirectory(store: Store): UserDirectory {
  const users = store.collection<UserAccount>({ name: 'users', indexes: [{ fields: ['username'], unique: true }] });
  return {
    findByUsername: async (username) => (await users.find({ username }, { limit: 1 }))[0]?.value ?? null,
    save: (account) => put(users, account),
  };
}

export function storeClientRegistry(store: Store): ClientRegistry {
  const clients = store.collection<ClientApplication>({ name: 'clients', indexes: [{ fields: ['clientId'], unique: true }] });
  return {
    findByClientId: async (clientId) => (await clients.find({ clientId }, { limit: 1 }))[0]?.value ?? null,
    save: (client) => put(clients, client),
  };
}

export function storeSigningKeys(store: Store): SigningKeyRepository {
  const keys = store.collection<StoredSigningKey>({ name: 'signing_keys' });
  return {
    list: async () => (await keys.find({}, { limit: 100 })).map((k) => k.value),
    save: (key) => put(keys, key),
  };
}
