import { describe, expect, it } from 'vitest';
import { hashSecret, MAX_SECRET_LENGTH, verifySecret } from './secret-hash.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('secret hashing', () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const hash = await hashSecret('correct horse battery staple', CHEAP);
    expect(await verifySecret('correct horse battery staple', hash)).toBe(true);
    expect(await verifySecret('correct horse battery stapler', hash)).toBe(false);
    expect(await verifySecret('', hash)).toBe(false);
  });

  it('salts every hash and never contains the secret', async () => {
    const [a, b] = await Promise.all([hashSecret('same-secret', CHEAP), hashSecret('same-secret', CHEAP)]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same-secret');
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('uses a strong default cost and keeps verifying hashes made at another cost', async () => {
    const strong = await hashSecret('s3cret-value');
    expect(strong.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifySecret('s3cret-value', strong)).toBe(true);
    expect(await verifySecret('s3cret-value', await hashSecret('s3cret-value', CHEAP))).toBe(true);
  });

  it('treats compatibility-equivalent Unicode as the same password (NFKC)', async () => {
    const hash = await hashSecret('ｐａｓｓ１２３', CHEAP);
    expect(await verifySecret('pass123', hash)).toBe(true);
  });

  it.each(['', 'plain', 'scrypt$1024$8$1$c2FsdA$aGFzaA', 'bcrypt$1$2$3$4$5', 'scrypt$99999999$8$1$c2FsdA$aGFzaA'])(
    'answers false for the malformed hash %j',
    async (encoded) => {
      expect(await verifySecret('anything', encoded)).toBe(false);
    },
  );

  it('refuses to hash empty or over-long secrets', async () => {
    await expect(hashSecret('', CHEAP)).rejects.toThrow(RangeError);
    await expect(hashSecret('x'.repeat(MAX_SECRET_LENGTH + 1), CHEAP)).rejects.toThrow(RangeError);
  });
});
