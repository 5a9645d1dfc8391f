import { DomainError } from '@onewindow/kernel';

/**
 * SM2: GB/T 32918 over SM3 with the default user id (ZA), DER signature.
 * EC-P256: ECDSA over SHA-256, DER signature (ES256 wants it as r||s; see `derToJose`).
 * RSA-2048: RSASSA-PKCS1-v1_5 over SHA-256 (RS256).
 */
export type KeyAlgorithm = 'SM2' | 'EC-P256' | 'RSA-2048';

/** What anyone may know about a key. The private half never leaves the adapter that holds it. */
export interface KeyInfo {
  readonly id: string;
  /** What the key is for ("certificate.seal", "identity.token"): rotation keeps it. */
  readonly label: string;
  readonly algorithm: KeyAlgorithm;
  /** SubjectPublicKeyInfo, PEM: what OpenSSL and node:crypto verify with. */
  readonly publicKeyPem: string;
  readonly createdAt: string;
  /** From here on the key signs no more; its public key stays, so what it signed still verifies. */
  readonly retiredAt?: string;
  /** The key that took over on rotation. */
  readonly replacedBy?: string;
}

/** The key port: every signature in the platform is made through one. */
export interface KeyPort {
  /** Which adapter: "local" or "pkcs11". */
  readonly kind: string;
  generate(spec: { readonly label: string; readonly algorithm: KeyAlgorithm }): Promise<KeyInfo>;
  /** Signs the message (the adapter hashes it). Refuses a retired or unknown key. */
  sign(keyId: string, message: Uint8Array): Promise<Uint8Array>;
  publicKey(keyId: string): Promise<string>;
  get(keyId: string): Promise<KeyInfo | null>;
  /** Every key, or those of one label; oldest first. */
  list(label?: string): Promise<KeyInfo[]>;
  /** A new key with the same label and algorithm; the old one is retired and names its successor. */
  rotate(keyId: string): Promise<KeyInfo>;
  retire(keyId: string): Promise<KeyInfo>;
}

/** A key as an adapter records it; `wrapped` only for the local adapter (the private key under the KEK). */
export interface KeyRecord extends KeyInfo {
  readonly wrapped?: { readonly iv: string; readonly tag: string; readonly data: string };
}

/** Where an adapter keeps its records (a store collection, or memory in tests). */
export interface KeyRecords {
  get(id: string): Promise<KeyRecord | null>;
  list(): Promise<KeyRecord[]>;
  /** Creates or replaces the record with this id. */
  put(record: KeyRecord): Promise<void>;
}

export const KEY_NOT_FOUND = 'KEY_NOT_FOUND';
export const KEY_RETIRED = 'KEY_RETIRED';
export const KEY_ALGORITHM_UNSUPPORTED = 'KEY_ALGORITHM_UNSUPPORTED';

export const keyNotFound = (id: string) => new DomainError('not_found', KEY_NOT_FOUND, `no key ${id}`);
export const keyRetired = (id: string) => new DomainError('conflict', KEY_RETIRED, `key ${id} is retired and signs no more`);

/** The public part of a record. */
export function keyInfo(record: KeyRecord): KeyInfo {
  const { wrapped: _wrapped, ...info } = record;
  return info;
}
