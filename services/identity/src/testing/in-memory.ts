import type { ClientApplication, UserAccount } from '../domain/index.js';
import type { ClientRegistry, SigningKeyRepository, StoredSigningKey, UserDirectory } from '../app/ports.js';

/**
 * Map-backed ports for unit tests and for trying the issuer without a
 * store. Production wiring uses the store-backed adapters.
 */
export class InMemoryUserDirectory implements UserDirectory {
  readonly #byId = new Map<string, UserAccount>();

  async findByUsername(username: string): Promise<UserAccount | null> {
    return [...this.#byId.values()].find((u) => u.username === username) ?? null;
  }

  async save(account: UserAccount): Promise<void> {
    this.#byId.set(account.id, structuredClone(account));
  }
}

export class InMemoryClientRegistry implements ClientRegistry {
  readonly #byId = new Map<string, ClientApplication>();

  async findByClientId(clientId: string): Promise<ClientApplication | null> {
    return [...this.#byId.values()].find((c) => c.clientId === clientId) ?? null;
  }

  async save(client: ClientApplication): Promise<void> {
    this.#byId.set(client.id, structuredClone(client));
  }
}

export class InMemorySigningKeyRepository implements SigningKeyRepository {
  readonly #byId = new Map<string, StoredSigningKey>();

  async list(): Promise<StoredSigningKey[]> {
    return [...this.#byId.values()].map((k) => structuredClone(k));
  }

  async save(key: StoredSigningKey): Promise<void> {
    this.#byId.set(key.id, structuredClone(key));
  }
}
