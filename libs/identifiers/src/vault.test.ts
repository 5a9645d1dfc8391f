import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentifierVault, parseDataEncryptionKey, sameIndex } from './vault.js';

const key = randomBytes(32);
const vault = createIdentifierVault(key);
const ID = '11010519491231002X';

describe('identifier vault (AES-256-GCM + blind index)', () => {
  it('round-trips and never writes the number in clear', () => {
    const sealed = vault.seal('residentId', ID);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(ID);
    expect(sealed).not.toContain('1949');
    expect(vault.open('residentId', sealed)).toBe(ID);
  });

  it('seals the same number differently each time (fresh IV)', () => {
    expect(vault.seal('residentId', ID)).not.toBe(vault.seal('residentId', ID));
  });

  it('refuses a value sealed for another field, under another key, or changed', () => {
    const sealed = vault.seal('residentId', ID);
    expect(() => vault.open('uscc', sealed)).toThrow(/does not open/);
    expect(() => createIdentifierVault(randomBytes(32)).open('residentId', sealed)).toThrow(/does not open/);
    const [scheme, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => vault.open('residentId', [scheme, iv, flipped.toString('base64url'), tag].join('.'))).toThrow(/does not open/);
    expect(() => vault.open('residentId', 'plain-text')).toThrow(/not a sealed value/);
  });

  it('indexes deterministically per key and field, without revealing the number', () => {
    const index = vault.blindIndex('residentId', ID);
    expect(index).toMatch(/^[0-9a-f]{64}$/);
    expect(vault.blindIndex('residentId', ID)).toBe(index);
    expect(sameIndex(index, vault.blindIndex('residentId', ID))).toBe(true);
    expect(vault.blindIndex('uscc', ID)).not.toBe(index);
    expect(createIdentifierVault(randomBytes(32)).blindIndex('residentId', ID)).not.toBe(index);
    expect(sameIndex(index, '')).toBe(false);
  });
});

describe('DATA_ENCRYPTION_KEY', () => {
  it('accepts exactly 32 bytes of base64', () => {
    expect(parseDataEncryptionKey(key.toString('base64'))).toEqual(key);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['not base64', '!'.repeat(44)],
  ])('refuses a key that is %s', (_label, value) => {
    expect(() => parseDataEncryptionKey(value)).toThrow(/DATA_ENCRYPTION_KEY/);
  });
});
