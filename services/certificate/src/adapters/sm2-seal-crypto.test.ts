import { sm2, sm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { SM2_DEFAULT_USER_ID, sm2SealCrypto } from './sm2-seal-crypto.js';

/*
 * GB/T 32918.5-2017 (GM/T 0003.5-2012) appendix A, signature example on the
 * recommended curve: private key d, public key (x, y), message
 * "message digest", user id 1234567812345678, and the signature (r, s)
 * produced with k = 59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21.
 */
const STANDARD = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' +
    '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};
/** DER: SEQUENCE { INTEGER r, INTEGER s }; both start with a high bit, so each gets a leading 00. */
const standardDer = `3046022100${STANDARD.r}022100${STANDARD.s}`;

describe('the SM2/SM3 primitives (sm-crypto-v2) against the standards', () => {
  it('hashes "abc" to the GB/T 32905 example digest', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('derives the example public key from the example private key', () => {
    expect(sm2.getPublicKeyFromPrivateKey(STANDARD.privateKey)).toBe(STANDARD.publicKey);
  });
});

describe('sm2SealCrypto', () => {
  it('accepts the GB/T 32918.5 example signature, DER-encoded, with the default user id', () => {
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678');
    expect(sm2SealCrypto.verify(STANDARD.message, standardDer, STANDARD.publicKey)).toBe(true);
  });

  it('refuses the example signature over another message', () => {
    expect(sm2SealCrypto.verify('message digesT', standardDer, STANDARD.publicKey)).toBe(false);
  });

  it('verifies what it signs, Chinese text included', () => {
    const key = sm2SealCrypto.generateKeyPair();
    const content = '{"holderName":"张三","licenceId":"1.2.156.3005.2"}';
    const signature = sm2SealCrypto.sign(content, key);
    expect(sm2SealCrypto.verify(content, signature, key.publicKey)).toBe(true);
  });

  it('refuses a signature once one byte of the content changed', () => {
    const key = sm2SealCrypto.generateKeyPair();
    const signature = sm2SealCrypto.sign('{"holderName":"张三"}', key);
    expect(sm2SealCrypto.verify('{"holderName":"张四"}', signature, key.publicKey)).toBe(false);
  });

  it('refuses a signature made with another key', () => {
    const key = sm2SealCrypto.generateKeyPair();
    const forger = sm2SealCrypto.generateKeyPair();
    const signature = sm2SealCrypto.sign('content', forger);
    expect(sm2SealCrypto.verify('content', signature, key.publicKey)).toBe(false);
  });

  it('tells keys apart however many it has prepared, the oldest given up beyond a few', () => {
    const keys = Array.from({ length: 20 }, () => sm2SealCrypto.generateKeyPair());
    const signed = keys.map((key, i) => ({ key, content: `licence ${i}`, signature: sm2SealCrypto.sign(`licence ${i}`, key) }));
    for (let round = 0; round < 2; round++) {
      for (const [i, { key, content, signature }] of signed.entries()) {
        expect(sm2SealCrypto.verify(content, signature, key.publicKey)).toBe(true);
        expect(sm2SealCrypto.verify(content, signature, keys[(i + 1) % keys.length]!.publicKey)).toBe(false);
      }
    }
    expect(sm2SealCrypto.verify(STANDARD.message, standardDer, STANDARD.publicKey)).toBe(true);
  });

  it('answers false, not a throw, for a garbled signature or key', () => {
    const key = sm2SealCrypto.generateKeyPair();
    expect(sm2SealCrypto.verify('content', 'zz-not-hex', key.publicKey)).toBe(false);
    expect(sm2SealCrypto.verify('content', standardDer, '04abcd')).toBe(false);
  });
});
