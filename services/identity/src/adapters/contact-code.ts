import { hkdfSync, randomBytes } from 'node:crypto';
import type { RandomSource } from '../domain/index.js';

/** The platform's CSPRNG. */
export const cryptoRandom: RandomSource = { bytes: (length) => new Uint8Array(randomBytes(length)) };

/**
 * The key that HMACs one-time codes, derived (HKDF-SHA256) from
 * DATA_ENCRYPTION_KEY for this purpose only: without it a stolen store
 * cannot test the 10^6 possible codes against a hash.
 */
export function contactCodeKey(dataEncryptionKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', dataEncryptionKey, new Uint8Array(0), 'onewindow/identity/contact-verification-code', 32));
}
