import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import type { ClientApplication, UserAccount } from '../domain/index.js';

/** People who sign in. Backed by the store (collection `users`, unique index on `username`). */
export interface UserDirectory {
  /** `username` is already normalised (lower case). */
  findByUsername(username: string): Promise<UserAccount | null>;
  /** Creates or replaces the account with this id. */
  save(account: UserAccount): Promise<void>;
}

/** OIDC clients. Backed by the store (collection `clients`, unique index on `clientId`). */
export interface ClientRegistry {
  findByClientId(clientId: string): Promise<ClientApplication | null>;
  /** Creates or replaces the client with this id. */
  save(client: ClientApplication): Promise<void>;
}

/** A token-signing key pair as persisted. `id` is the `kid` (RFC 7638 thumbprint of the public key). */
export interface StoredSigningKey {
  readonly id: string;
  readonly alg: 'RS256';
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly createdAt: string;
  /** Signing starts here; keys are published before they sign, so verifiers have them in time. */
  readonly activatesAt: string;
  /** Signing stops here; the public key stays published for a grace period after. */
  readonly retiredAt?: string;
}

/** Where signing keys live. Backed by the store (collection `signing_keys`); holds private keys. */
export interface SigningKeyRepository {
  list(): Promise<StoredSigningKey[]>;
  /** Creates or replaces the key with this id. */
  save(key: StoredSigningKey): Promise<void>;
}

export interface ActiveSigningKey {
  readonly kid: string;
  readonly alg: 'RS256';
  readonly privateKey: CryptoKey;
}

/** What the token issuer needs: a key to sign with now, and the public keys verifiers should trust. */
export interface SigningKeys {
  current(): Promise<ActiveSigningKey>;
  publicJwks(): Promise<JSONWebKeySet>;
}
