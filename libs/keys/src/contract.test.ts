// One contract for the key port, run against both adapters: local (keys sealed under a KEK)
// and PKCS#11 against a real SoftHSM2 token (EC P-256 and RSA; SoftHSM holds no SM2 keys).
import { spawnSync } from 'node:child_process';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError, ManualClock } from '@onewindow/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { debianToolRoot, ensureDebianTool } from '../../../scripts/tools/debian.mjs';
import { localKeys } from './local.js';
import { pkcs11Keys } from './pkcs11.js';
import { KEY_ALGORITHM_UNSUPPORTED, KEY_RETIRED, type KeyAlgorithm, type KeyPort } from './port.js';
import { memoryKeyRecords } from './records.js';

const clock = new ManualClock(new Date('2026-12-08T02:00:00Z'));
const scratch = mkdtempSync(join(tmpdir(), 'onewindow-keys-'));
const closers: (() => void)[] = [];
afterAll(() => {
  for (const close of closers) close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh SoftHSM2 token in a temporary folder, through the project's own installer. */
async function softHsmPort(): Promise<KeyPort> {
  const bin = await ensureDebianTool('softhsm2');
  const tokens = join(scratch, 'tokens');
  mkdirSync(tokens);
  const conf = join(scratch, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env['SOFTHSM2_CONF'] = conf;
  const module = join(debianToolRoot('softhsm2'), 'usr', 'lib', 'softhsm', 'libsofthsm2.so');
  const init = spawnSync(
    join(bin, 'softhsm2-util'),
    ['--module', module, '--init-token', '--free', '--label', 'onewindow-test', '--pin', '2468', '--so-pin', '13579'],
    { encoding: 'utf8' },
  );
  expect(init.status, init.stderr).toBe(0);
  const port = pkcs11Keys({
    module,
    tokenLabel: 'onewindow-test',
    pin: '2468',
    records: memoryKeyRecords(),
    clock,
  });
  closers.push(() => port.close());
  return port;
}

const adapters: [string, () => Promise<KeyPort>, KeyAlgorithm[]][] = [
  ['local', async () => localKeys({ records: memoryKeyRecords(), kek: randomBytes(32), clock }), ['SM2', 'EC-P256', 'RSA-2048']],
  ['pkcs11 (SoftHSM2)', softHsmPort, ['EC-P256', 'RSA-2048']],
];

/** node:crypto verifies P-256 and RSA; SM2 is verified by OpenSSL in its own test. */
function verifies(algorithm: KeyAlgorithm, pem: string, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey(pem);
  return verify('sha256', message, algorithm === 'EC-P256' ? { key, dsaEncoding: 'der' } : key, signature);
}

describe.each(adapters)('the key port, %s', (_name, open, algorithms) => {
  let port: KeyPort;
  const message = new TextEncoder().encode('licence 4403…: sealed content');

  it('opens', async () => {
    port = await open();
    expect(['local', 'pkcs11']).toContain(port.kind);
  });

  it.each(algorithms.filter((a) => a !== 'SM2'))('generates a %s key whose signatures verify with its public key, and only those', async (algorithm) => {
    const key = await port.generate({ label: 'contract', algorithm });
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await port.publicKey(key.id)).toBe(key.publicKeyPem);
    const signature = await port.sign(key.id, message);
    expect(verifies(algorithm, key.publicKeyPem, message, signature)).toBe(true);
    const changed = Uint8Array.from(message);
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(verifies(algorithm, key.publicKeyPem, changed, signature)).toBe(false);
  });

  it('hands out no private key: what it tells about a key is public', async () => {
    const key = await port.generate({ label: 'public-only', algorithm: 'EC-P256' });
    const told = JSON.stringify([key, await port.get(key.id), await port.list('public-only')]);
    expect(told).not.toMatch(/PRIVATE|"d"|wrapped/);
  });

  it('rotates: a successor with the same label signs, the old key signs no more and still verifies what it signed', async () => {
    const old = await port.generate({ label: 'rotating', algorithm: 'EC-P256' });
    const before = await port.sign(old.id, message);
    clock.advance(1000);
    const next = await port.rotate(old.id);
    expect(next).toMatchObject({ label: 'rotating', algorithm: 'EC-P256' });
    expect(next.id).not.toBe(old.id);
    const listed = await port.list('rotating');
    expect(listed.map((k) => k.id)).toEqual([old.id, next.id]);
    expect(listed[0]).toMatchObject({ replacedBy: next.id, retiredAt: next.createdAt });
    await expect(port.sign(old.id, message)).rejects.toMatchObject({ code: KEY_RETIRED });
    expect(verifies('EC-P256', await port.publicKey(old.id), message, before)).toBe(true);
    expect(verifies('EC-P256', next.publicKeyPem, message, await port.sign(next.id, message))).toBe(true);
  });

  it('retires: the key signs no more, its public key stays', async () => {
    const key = await port.generate({ label: 'retiring', algorithm: 'RSA-2048' });
    const retired = await port.retire(key.id);
    expect(retired.retiredAt).toBe(clock.now().toISOString());
    await expect(port.sign(key.id, message)).rejects.toMatchObject({ code: KEY_RETIRED });
    expect(await port.publicKey(key.id)).toBe(key.publicKeyPem);
  });

  it('refuses an unknown key', async () => {
    const err = await port.sign('no-such-key', message).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code).toBe('KEY_NOT_FOUND');
  });

  if (!algorithms.includes('SM2')) {
    it('refuses SM2 keys it cannot hold, with a stable code', async () => {
      await expect(port.generate({ label: 'seal', algorithm: 'SM2' })).rejects.toMatchObject({ code: KEY_ALGORITHM_UNSUPPORTED });
    });
  }
});
