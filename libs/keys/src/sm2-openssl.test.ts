// SM2 signatures of the local adapter, verified by an independent implementation: OpenSSL 3.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@onewindow/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { localKeys, SM2_DEFAULT_USER_ID } from './local.js';
import { memoryKeyRecords } from './records.js';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-sm2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function opensslVerify(pem: string, data: Uint8Array, signature: Uint8Array): string {
  writeFileSync(join(dir, 'pub.pem'), pem);
  writeFileSync(join(dir, 'data'), data);
  writeFileSync(join(dir, 'sig'), signature);
  const r = spawnSync(
    '/usr/bin/openssl',
    ['dgst', '-sm3', '-verify', 'pub.pem', '-sigopt', `distid:${SM2_DEFAULT_USER_ID}`, '-signature', 'sig', 'data'],
    { cwd: dir, encoding: 'utf8' },
  );
  return `${r.stdout}${r.stderr}`.trim();
}

describe('SM2 through the local key port', () => {
  it('signs GB/T 32918 SM2-with-SM3 that OpenSSL verifies, and a changed byte fails', async () => {
    const port = localKeys({ records: memoryKeyRecords(), kek: randomBytes(32), clock: new ManualClock('2026-12-08T00:00:00Z') });
    const key = await port.generate({ label: 'seal', algorithm: 'SM2' });
    const data = new TextEncoder().encode('{"licence":"4403…","holder":"张三"}');
    const signature = await port.sign(key.id, data);
    expect(opensslVerify(key.publicKeyPem, data, signature)).toBe('Verified OK');
    const changed = Uint8Array.from(data);
    changed[5] = (changed[5] ?? 0) ^ 1;
    expect(opensslVerify(key.publicKeyPem, changed, signature)).toMatch(/Verification failure/);
  });
});
