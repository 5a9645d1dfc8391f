import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type { Clock } from '@onewindow/kernel';
import type { ActiveSigningKey, SigningKeyRepository, SigningKeys, StoredSigningKey } from '../ports.js';

export interface PersistentSigningKeysOptions {
  readonly repository: SigningKeyRepository;
  readonly clock: Clock;
  /** How long keys read from the repository are trusted before re-reading (other replicas may rotate). */
  readonly cacheTtlMs?: number;
  /** How long a new key is published before it signs: longer than verifiers take to refetch a key set. */
  readonly publishAheadMs?: number;
  /** How long a retired key stays published: longer than the longest token lifetime plus clock skew. */
  readonly retiredGraceMs?: number;
}

/**
 * RS256 signing keys, generated on first use and kept through the
 * repository so tokens survive a restart. The `kid` is the key's RFC 7638
 * thumbprint. `rotate()` publishes a successor at once and lets it sign
 * only after `publishAheadMs`; the old key keeps signing until then and
 * stays published for `retiredGraceMs` after.
 */
export class PersistentSigningKeys implements SigningKeys {
  readonly #repository: SigningKeyRepository;
  readonly #clock: Clock;
  readonly #cacheTtlMs: number;
  readonly #publishAheadMs: number;
  readonly #retiredGraceMs: number;
  #cache: { readAt: number; keys: StoredSigningKey[] } | undefined;
  #generating: Promise<StoredSigningKey> | undefined;
  readonly #imported = new Map<string, Promise<ActiveSigningKey>>();

  constructor(options: PersistentSigningKeysOptions) {
    this.#repository = options.repository;
    this.#clock = options.clock;
    this.#cacheTtlMs = options.cacheTtlMs ?? 60_000;
    this.#publishAheadMs = options.publishAheadMs ?? 5 * 60_000;
    this.#retiredGraceMs = options.retiredGraceMs ?? 60 * 60_000;
  }

  async current(): Promise<ActiveSigningKey> {
    const now = this.#clock.now().getTime();
    const signing = (await this.#keys()).filter((k) => isSigningAt(k, now));
    const newest = signing.sort((a, b) => b.activatesAt.localeCompare(a.activatesAt))[0] ?? (await this.#firstKey());
    return this.#import(newest);
  }

  /** Makes the first key if there is none yet: verifiers may ask for keys before any token exists. */
  async publicJwks(): Promise<JSONWebKeySet> {
    await this.current();
    const now = this.#clock.now().getTime();
    const published = (await this.#keys()).filter(
      (k) => k.retiredAt === undefined || Date.parse(k.retiredAt) + this.#retiredGraceMs > now,
    );
    return { keys: published.map((k) => ({ ...k.publicJwk, kid: k.id, alg: k.alg, use: 'sig' })) };
  }

  /** Publishes a successor now; it signs from `publishAheadMs` on, when every current key retires. */
  async rotate(): Promise<{ kid: string; activatesAt: string }> {
    const now = this.#clock.now().getTime();
    const activatesAt = new Date(now + this.#publishAheadMs).toISOString();
    const successor = await newKey(new Date(now).toISOString(), activatesAt);
    await this.#repository.save(successor);
    for (const key of await this.#repository.list()) {
      if (key.id !== successor.id && key.retiredAt === undefined) await this.#repository.save({ ...key, retiredAt: activatesAt });
    }
    this.#cache = undefined;
    return { kid: successor.id, activatesAt };
  }

  async #keys(): Promise<StoredSigningKey[]> {
    const now = this.#clock.now().getTime();
    if (!this.#cache || now - this.#cache.readAt > this.#cacheTtlMs) {
      this.#cache = { readAt: now, keys: await this.#repository.list() };
    }
    return this.#cache.keys;
  }

  /** The very first key signs at once; concurrent first calls share one generation. */
  #firstKey(): Promise<StoredSigningKey> {
    this.#generating ??= (async () => {
      const now = this.#clock.now().toISOString();
      const key = await newKey(now, now);
      await this.#repository.save(key);
      this.#cache = undefined;
      return key;
    })().finally(() => {
      this.#generating = undefined;
    });
    return this.#generating;
  }

  #import(key: StoredSigningKey): Promise<ActiveSigningKey> {
    let imported = this.#imported.get(key.id);
    if (!imported) {
      imported = importJWK(key.privateJwk, key.alg).then((privateKey) => {
        if (privateKey instanceof Uint8Array) throw new Error(`signing key ${key.id} is not an asymmetric key`);
        return { kid: key.id, alg: key.alg, privateKey };
      });
      this.#imported.set(key.id, imported);
    }
    return imported;
  }
}

function isSigningAt(key: StoredSigningKey, now: number): boolean {
  return Date.parse(key.activatesAt) <= now && (key.retiredAt === undefined || Date.parse(key.retiredAt) > now);
}

async function newKey(createdAt: string, activatesAt: string): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const publicJwk: JWK = await exportJWK(publicKey);
  const privateJwk: JWK = await exportJWK(privateKey);
  const id = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { id, alg: 'RS256', privateJwk, publicJwk, createdAt, activatesAt };
}
