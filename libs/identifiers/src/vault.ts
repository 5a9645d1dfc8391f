import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Identity numbers at rest (等保 2.0: cryptographic protection of important
 * data): AES-256-GCM with a 32-byte key from configuration, a fresh 96-bit
 * IV per value, and the field name as associated data, so a sealed resident
 * ID cannot be passed off as another field. A keyed blind index (HMAC-SHA256
 * under a separate key derived from the same secret) lets a store find a
 * record by its number without holding the number.
 *
 * Sealed form: `v1.<iv>.<ciphertext>.<tag>` (base64url parts). `v1` names
 * the scheme so keys and algorithms can be rotated.
 */
export interface IdentifierVault {
  seal(field: string, plaintext: string): string;
  /** Throws when the value was not sealed under this key for this field, or was changed. */
  open(field: string, sealed: string): string;
  /** Deterministic, keyed: equal inputs give equal indexes; nothing about the input can be read from it. */
  blindIndex(field: string, canonical: string): string;
}

export class VaultKeyError extends Error {
  override readonly name = 'VaultKeyError';
}

export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SCHEME = 'v1';

/** Decodes DATA_ENCRYPTION_KEY (base64 of exactly 32 bytes); there is no default. */
export function parseDataEncryptionKey(base64: string | undefined): Buffer {
  if (!base64) throw new VaultKeyError('DATA_ENCRYPTION_KEY is required (32 bytes, base64)');
  const key = Buffer.from(base64, 'base64');
  if (key.length !== KEY_BYTES || key.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, '')) {
    throw new VaultKeyError('DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  }
  return key;
}

const derive = (key: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `onewindow/identifiers/${purpose}`, KEY_BYTES));

export function createIdentifierVault(dataEncryptionKey: Buffer): IdentifierVault {
  if (dataEncryptionKey.length !== KEY_BYTES) throw new VaultKeyError('the data encryption key must be 32 bytes');
  const encryptionKey = derive(dataEncryptionKey, 'aes-256-gcm');
  const indexKey = derive(dataEncryptionKey, 'blind-index');

  return {
    seal(field, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(field, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [SCHEME, iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(field, sealed) {
      const [scheme, iv, body, tag, ...rest] = sealed.split('.');
      if (scheme !== SCHEME || iv === undefined || body === undefined || tag === undefined || rest.length > 0) {
        throw new SealedValueError('not a sealed value');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(field, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SealedValueError(`the sealed ${field} does not open under this key`);
      }
    },
    blindIndex(field, canonical) {
      return createHmac('sha256', indexKey).update(`${field}\u0000${canonical}`).digest('hex');
    },
  };
}

/** Constant-time comparison of two blind indexes. */
export function sameIndex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
