import { createPublicKey } from 'node:crypto';

/** SubjectPublicKeyInfo of an SM2 key: id-ecPublicKey with the SM2 curve (1.2.156.10197.1.301), GM/T 0010. */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/** PEM of an uncompressed SM2 point (hex "04" || x || y, as sm-crypto-v2 gives it). */
export function sm2PublicKeyPem(pointHex: string): string {
  const der = Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(pointHex, 'hex')]);
  return toPem('PUBLIC KEY', der);
}

/** The uncompressed point back out of an SM2 PEM. */
export function sm2PointHex(pem: string): string {
  const der = fromPem(pem);
  if (!der.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX)) throw new Error('not an SM2 public key');
  return der.subarray(SM2_SPKI_PREFIX.length).toString('hex');
}

export function toPem(type: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

export function fromPem(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** PEM of a public key given as a JWK (what a PKCS#11 token's attributes make). */
export function jwkPublicKeyPem(jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string } | { kty: 'RSA'; n: string; e: string }): string {
  return createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
}

/** ECDSA's r||s (PKCS#11, JOSE) as DER SEQUENCE { r INTEGER, s INTEGER } (X.509, OpenSSL). */
export function joseToDer(raw: Uint8Array): Buffer {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const trimmed = Buffer.from(b.subarray(i));
    const body = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed;
    return Buffer.concat([Buffer.of(0x02, body.length), body]);
  };
  const seq = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.concat([Buffer.of(0x30, seq.length), seq]);
}

/** DER ECDSA signature as r||s of `size` bytes each (JOSE's ES256 wants 32). */
export function derToJose(der: Uint8Array, size: number): Buffer {
  const buf = Buffer.from(der);
  let at = 2;
  const read = () => {
    if (buf[at] !== 0x02) throw new Error('not a DER ECDSA signature');
    const len = buf[at + 1] ?? 0;
    const value = buf.subarray(at + 2, at + 2 + len);
    at += 2 + len;
    const trimmed = value.subarray(Math.max(0, value.length - size));
    return Buffer.concat([Buffer.alloc(size - trimmed.length), trimmed]);
  };
  return Buffer.concat([read(), read()]);
}
