import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { DomainError, type Clock } from '@onewindow/kernel';
import { sm2 } from 'sm-crypto-v2';
import { KEY_ALGORITHM_UNSUPPORTED, keyInfo, keyRetired, type KeyAlgorithm, type KeyPort, type KeyRecord, type KeyRecords } from './port.js';
import { recordKeeping } from './records.js';
import { sm2PointHex, sm2PublicKeyPem } from './spki.js';

/** The default signer identity of GB/T 32918 / GB/T 35276 (ZA is computed from it); OpenSSL's `distid`. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface LocalKeysOptions {
  readonly records: KeyRecords;
  /** 32 bytes (see loadKek). */
  readonly kek: Buffer;
  readonly clock: Clock;
}

/**
 * Keys in the service's own store, each private key sealed with AES-256-GCM
 * under the key-encryption key (fresh IV per key, the key's id and algorithm
 * as associated data, so a sealed key cannot be swapped onto another record).
 * A copy of the data file without the KEK gives no key away. Private keys
 * are unsealed only in here, for the one signature.
 */
export function localKeys({ records, kek, clock }: LocalKeysOptions): KeyPort {
  if (kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
  const aad = (r: Pick<KeyRecord, 'id' | 'algorithm'>) => Buffer.from(`onewindow-key:${r.id}:${r.algorithm}`);

  const seal = (r: Pick<KeyRecord, 'id' | 'algorithm'>, secret: Buffer): NonNullable<KeyRecord['wrapped']> => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(aad(r));
    const data = Buffer.concat([cipher.update(secret), cipher.final()]);
    secret.fill(0);
    return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  };
  const unseal = (r: KeyRecord): Buffer => {
    if (!r.wrapped) throw new Error(`key ${r.id} has no sealed private key`);
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(r.wrapped.iv, 'base64')).setAAD(aad(r));
    decipher.setAuthTag(Buffer.from(r.wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(r.wrapped.data, 'base64')), decipher.final()]);
  };

  const make = async (label: string, algorithm: KeyAlgorithm): Promise<KeyRecord> => {
    const base = { id: randomUUID(), label, algorithm, createdAt: clock.now().toISOString() };
    const { publicKeyPem, secret } = newPair(algorithm);
    const record: KeyRecord = { ...base, publicKeyPem, wrapped: seal(base, secret) };
    await records.put(record);
    return record;
  };
  const { must, operations } = recordKeeping(records, clock, make);

  return {
    kind: 'local',
    generate: async ({ label, algorithm }) => keyInfo(await make(label, algorithm)),
    async sign(keyId, message) {
      const r = await must(keyId);
      if (r.retiredAt !== undefined) throw keyRetired(keyId);
      const secret = unseal(r);
      try {
        return signWith(r, secret, message);
      } finally {
        secret.fill(0);
      }
    },
    ...operations,
  };
}

/** A fresh pair: the public key as PEM, the private key as bytes to seal (SM2: the scalar; others: PKCS#8 DER). */
function newPair(algorithm: KeyAlgorithm): { publicKeyPem: string; secret: Buffer } {
  switch (algorithm) {
    case 'SM2': {
      const { publicKey, privateKey } = sm2.generateKeyPairHex();
      return { publicKeyPem: sm2PublicKeyPem(publicKey), secret: Buffer.from(privateKey, 'hex') };
    }
    case 'EC-P256':
    case 'RSA-2048': {
      const pair =
        algorithm === 'EC-P256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
      return {
        publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        secret: pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
      };
    }
    default:
      throw new DomainError('invalid', KEY_ALGORITHM_UNSUPPORTED, `unknown key algorithm ${String(algorithm)}`);
  }
}

function signWith(r: KeyRecord, secret: Buffer, message: Uint8Array): Uint8Array {
  if (r.algorithm === 'SM2') {
    const hex = sm2.doSignature(message, secret.toString('hex'), {
      hash: true,
      der: true,
      userId: SM2_DEFAULT_USER_ID,
      publicKey: sm2PointHex(r.publicKeyPem),
    });
    return Buffer.from(hex, 'hex');
  }
  const key = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
  return sign('sha256', message, r.algorithm === 'EC-P256' ? { key, dsaEncoding: 'der' } : key);
}
