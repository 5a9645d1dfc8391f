import type { OutboxMessage } from '@onewindow/store/port';
import type { Licence } from '../domain/licence.js';

export interface LicenceRepository {
  get(id: string): Promise<Licence | null>;
  findByCase(caseId: string): Promise<Licence | null>;
  /** Inserts the licence with its events in one write; false (nothing written) when the case already has a licence. */
  create(licence: Licence, events: readonly OutboxMessage[]): Promise<boolean>;
}

/** Hands out serial numbers: 1, 2, 3… per counter, never the same one twice (gaps are allowed). */
export interface SerialCounter {
  next(counter: string): Promise<number>;
}

/**
 * A seal's SM2 key pair. Embedded and demo deployments keep it in the
 * service's store; a production deployment would keep the private key in
 * an HSM or KMS behind this same port and never let it leave.
 */
export interface SealKey {
  readonly id: string;
  readonly algorithm: 'SM2';
  readonly publicKey: string;
  readonly privateKey: string;
  readonly createdAt: string;
}

export interface SealKeyRepository {
  get(id: string): Promise<SealKey | null>;
  /** Stores the key unless one with its id exists; returns the one stored. */
  createIfAbsent(key: SealKey): Promise<SealKey>;
}

/** SM2 signatures over SM3 (GB/T 32918), as the e-seal standard (GB/T 38540) prescribes. */
export interface SealCrypto {
  generateKeyPair(): { publicKey: string; privateKey: string };
  sign(content: string, key: { privateKey: string; publicKey: string }): string;
  /** False, never a throw, for a malformed signature or key. */
  verify(content: string, signature: string, publicKey: string): boolean;
}
