import { createHash } from 'node:crypto';
import { DomainError } from '@onewindow/kernel';

/** SHA-256 (the store's key) and SM3 (GB/T 32905, for national-standard integrity checks) of a content. */
export function digests(content: Uint8Array): { sha256: string; sm3: string; size: number } {
  return {
    sha256: createHash('sha256').update(content).digest('hex'),
    sm3: createHash('sm3').update(content).digest('hex'),
    size: content.byteLength,
  };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A key the store may use in a path or a query: exactly a lower-case hex SHA-256. */
export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/** Content read back must still be what was stored under its hash. */
export function verified(sha256: string, content: Buffer): Buffer {
  if (createHash('sha256').update(content).digest('hex') !== sha256) {
    throw new DomainError('internal', 'FILE_CORRUPT', `stored content ${sha256} does not match its hash`);
  }
  return content;
}
