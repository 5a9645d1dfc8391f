import { ManualClock } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { storeSealKeyRepository } from '../adapters/seal-key-repository.js';
import { sm2SealCrypto } from '../adapters/sm2-seal-crypto.js';
import { tempStore } from '../testing/fixtures.js';
import { ACTIVE_SEAL_KEY_ID, Seal } from './seal.js';

const clock = new ManualClock('2026-03-12T07:00:00Z');

describe('Seal', () => {
  it('creates the seal key once, persists it, and finds it again after a restart', async () => {
    const store = await tempStore();
    const key = await new Seal(storeSealKeyRepository(store), sm2SealCrypto, clock).activeKey();

    const afterRestart = await new Seal(storeSealKeyRepository(store), sm2SealCrypto, clock).activeKey();

    expect(afterRestart).toEqual(key);
    expect(key).toMatchObject({ id: ACTIVE_SEAL_KEY_ID, algorithm: 'SM2', createdAt: '2026-03-12T07:00:00.000Z' });
  });

  it('ends up with one key when two replicas start at once', async () => {
    const store = await tempStore();
    const [a, b] = await Promise.all([
      new Seal(storeSealKeyRepository(store), sm2SealCrypto, clock).activeKey(),
      new Seal(storeSealKeyRepository(store), sm2SealCrypto, clock).activeKey(),
    ]);
    expect(a.publicKey).toBe(b.publicKey);
  });

  it('verifies against the registered key, not a key the caller supplies', async () => {
    const seal = new Seal(storeSealKeyRepository(await tempStore()), sm2SealCrypto, clock);
    const { signature, sealKeyId } = await seal.sign('content');
    const forged = sm2SealCrypto.sign('content', sm2SealCrypto.generateKeyPair());

    expect(await seal.verify('content', signature, sealKeyId)).toBe(true);
    expect(await seal.verify('content', forged, sealKeyId)).toBe(false);
    expect(await seal.verify('content', signature, 'no-such-key')).toBe(false);
  });
});
