import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type Clock } from '@onewindow/kernel';
import * as pkcs11js from 'pkcs11js';
import { KEY_ALGORITHM_UNSUPPORTED, keyInfo, keyNotFound, keyRetired, type KeyAlgorithm, type KeyPort, type KeyRecord, type KeyRecords } from './port.js';
import { recordKeeping } from './records.js';
import { joseToDer, jwkPublicKeyPem } from './spki.js';

export interface Pkcs11KeysOptions {
  /** The vendor's PKCS#11 module (SoftHSM2: …/softhsm/libsofthsm2.so). */
  readonly module: string;
  readonly tokenLabel: string;
  readonly pin: string;
  /** Key metadata (label, validity, public key); the private keys stay on the token. */
  readonly records: KeyRecords;
  readonly clock: Clock;
}

/** DER OID of P-256 (prime256v1), the CKA_EC_PARAMS of its keys. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

/**
 * Keys on a PKCS#11 token (an HSM): generated there as sensitive,
 * non-extractable objects found by CKA_ID = the key's id, and used there.
 * Tokens hold what their vendor supports: SoftHSM2 holds EC P-256 and RSA,
 * not SM2 (a GM/T 0018 cipher machine's own module would); SM2 is refused.
 */
export function pkcs11Keys({ module, tokenLabel, pin, records, clock }: Pkcs11KeysOptions): KeyPort & { close(): void } {
  const lib = new pkcs11js.PKCS11();
  lib.load(module);
  lib.C_Initialize();
  const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === tokenLabel);
  if (!slot) {
    lib.C_Finalize();
    throw new Error(`no PKCS#11 token labelled "${tokenLabel}" in ${module}`);
  }
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  lib.C_Login(session, pkcs11js.CKU_USER, pin);

  const find = (id: string, cls: number) => {
    lib.C_FindObjectsInit(session, [
      { type: pkcs11js.CKA_CLASS, value: cls },
      { type: pkcs11js.CKA_ID, value: Buffer.from(id) },
    ]);
    const [handle] = lib.C_FindObjects(session, 1);
    lib.C_FindObjectsFinal(session);
    if (!handle) throw keyNotFound(id);
    return handle;
  };

  const make = async (label: string, algorithm: KeyAlgorithm): Promise<KeyRecord> => {
    const id = randomUUID();
    const common = [
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_ID, value: Buffer.from(id) },
      { type: pkcs11js.CKA_LABEL, value: `${label}/${id}` },
    ];
    const priv = [
      ...common,
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: true },
      { type: pkcs11js.CKA_EXTRACTABLE, value: false },
      { type: pkcs11js.CKA_SIGN, value: true },
    ];
    let publicKeyPem: string;
    if (algorithm === 'EC-P256') {
      const pair = lib.C_GenerateKeyPair(
        session,
        { mechanism: pkcs11js.CKM_EC_KEY_PAIR_GEN },
        [...common, { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS }, { type: pkcs11js.CKA_VERIFY, value: true }],
        priv,
      );
      // CKA_EC_POINT is the point wrapped in a DER OCTET STRING: 04 41 | 04 x y.
      const [attr] = lib.C_GetAttributeValue(session, pair.publicKey, [{ type: pkcs11js.CKA_EC_POINT }]);
      const point = Buffer.from(attr?.value as Buffer).subarray(2);
      const b64 = (b: Buffer) => b.toString('base64url');
      publicKeyPem = jwkPublicKeyPem({ kty: 'EC', crv: 'P-256', x: b64(point.subarray(1, 33)), y: b64(point.subarray(33, 65)) });
    } else if (algorithm === 'RSA-2048') {
      const pair = lib.C_GenerateKeyPair(
        session,
        { mechanism: pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
        [
          ...common,
          { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
          { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
          { type: pkcs11js.CKA_VERIFY, value: true },
        ],
        priv,
      );
      const [n, e] = lib.C_GetAttributeValue(session, pair.publicKey, [{ type: pkcs11js.CKA_MODULUS }, { type: pkcs11js.CKA_PUBLIC_EXPONENT }]);
      publicKeyPem = jwkPublicKeyPem({ kty: 'RSA', n: (n?.value as Buffer).toString('base64url'), e: (e?.value as Buffer).toString('base64url') });
    } else {
      throw new DomainError('invalid', KEY_ALGORITHM_UNSUPPORTED, `this PKCS#11 token holds no ${algorithm} keys`);
    }
    const record: KeyRecord = { id, label, algorithm, publicKeyPem, createdAt: clock.now().toISOString() };
    await records.put(record);
    return record;
  };
  // The token stops a retired key too: it cannot sign even past this adapter.
  const { must, operations } = recordKeeping(records, clock, make, (keyId) =>
    lib.C_SetAttributeValue(session, find(keyId, pkcs11js.CKO_PRIVATE_KEY), [{ type: pkcs11js.CKA_SIGN, value: false }]),
  );

  return {
    kind: 'pkcs11',
    generate: async ({ label, algorithm }) => keyInfo(await make(label, algorithm)),
    async sign(keyId, message) {
      const r = await must(keyId);
      if (r.retiredAt !== undefined) throw keyRetired(keyId);
      const key = find(keyId, pkcs11js.CKO_PRIVATE_KEY);
      if (r.algorithm === 'EC-P256') {
        lib.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, key);
        const raw = lib.C_Sign(session, createHash('sha256').update(message).digest(), Buffer.alloc(64));
        return joseToDer(raw);
      }
      lib.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, key);
      return Buffer.from(lib.C_Sign(session, Buffer.from(message), Buffer.alloc(256)));
    },
    ...operations,
    close() {
      lib.C_Logout(session);
      lib.C_CloseSession(session);
      lib.C_Finalize();
    },
  };
}
