import { LruMap } from '@onewindow/kernel';
import { sm2 } from 'sm-crypto-v2';
import type { SealCrypto } from '../app/ports.js';

/** The default signer identity of GB/T 32918 / GB/T 35276 (ZA is computed from it). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/**
 * GB/T 32918 SM2 signatures with the SM3 digest of ZA || message, DER-encoded
 * (SEQUENCE { r INTEGER, s INTEGER }, as GB/T 35276 specifies), through
 * sm-crypto-v2. Node's own "SM2" signing is plain ECDSA on the SM2 curve
 * and does not interoperate, hence the library.
 */
const OPTIONS = { hash: true, der: true, userId: SM2_DEFAULT_USER_ID } as const;

/**
 * Verifying multiplies the signer's public key by a scalar; with the key's
 * multiples precomputed (window 8) that is ~6× faster (4.7–7.8 → 0.8–1.3 ms
 * on the 2-core machine, `node services/certificate/bench/sm2-verify.mjs`,
 * both in one run). A platform verifies against a handful of seal keys,
 * so the prepared points of the 16 most recently used are kept.
 */
const prepared = new LruMap<string, ReturnType<typeof sm2.precomputePublicKey>>(16);
const preparedKey = (publicKey: string) => prepared.getOrMake(publicKey, (key) => sm2.precomputePublicKey(key, 8));

export const sm2SealCrypto: SealCrypto = {
  generateKeyPair() {
    const { publicKey, privateKey } = sm2.generateKeyPairHex();
    return { publicKey, privateKey };
  },
  sign(content, key) {
    return sm2.doSignature(content, key.privateKey, { ...OPTIONS, publicKey: key.publicKey });
  },
  verify(content, signature, publicKey) {
    try {
      return sm2.doVerifySignature(content, signature, preparedKey(publicKey), OPTIONS);
    } catch {
      return false;
    }
  },
};
