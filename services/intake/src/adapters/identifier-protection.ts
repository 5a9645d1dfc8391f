import { createIdentifierVault } from '@onewindow/identifiers';
import type { IdentifierProtection } from '../app/ports.js';

/**
 * Identity numbers of named applicants: sealed with AES-256-GCM and turned
 * into a keyed blind index (the applicant's pseudonym), both under the
 * platform's data encryption key.
 */
export function vaultProtection(dataEncryptionKey: Buffer): IdentifierProtection {
  const vault = createIdentifierVault(dataEncryptionKey);
  return {
    seal: (field, value) => vault.seal(field, value),
    // 32 hex digits of the keyed HMAC are plenty to tell applicants apart and keep ids short.
    pseudonym: (field, value) => vault.blindIndex(field, value).slice(0, 32),
  };
}
