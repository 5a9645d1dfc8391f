#!/usr/bin/env node
// SM2 signature verification, side by side in one process: the public key as
// hex (parsed and multiplied from scratch each time, as sm-crypto-v2 does by
// default) and as a prepared point (window-8 precomputation, what
// sm2SealCrypto keeps per key). Prints one JSON line.
//   node services/certificate/bench/sm2-verify.mjs [verifications]
import { sm2 } from 'sm-crypto-v2';

const n = Number(process.argv[2] ?? 300);
const options = { hash: true, der: true, userId: '1234567812345678' };
const key = sm2.generateKeyPairHex();
const content = JSON.stringify({ licenceId: '1.2.156.3005.2.BUSINESSLICENCE.0001', holderName: '张三', items: 'x'.repeat(500) });
const signature = sm2.doSignature(content, key.privateKey, { ...options, publicKey: key.publicKey });

function time(publicKey) {
  for (let i = 0; i < 20; i++) sm2.doVerifySignature(content, signature, publicKey, options);
  const started = performance.now();
  for (let i = 0; i < n; i++) if (!sm2.doVerifySignature(content, signature, publicKey, options)) throw new Error('a good signature did not verify');
  return (performance.now() - started) / n;
}

const round = (ms) => Math.round(ms * 100) / 100;
const hexFirst = time(key.publicKey);
const prepared = time(sm2.precomputePublicKey(key.publicKey, 8));
const hexAgain = time(key.publicKey);
process.stdout.write(`${JSON.stringify({ bench: 'sm2-verify', verifications: n, msPerVerify: { hexKey: [round(hexFirst), round(hexAgain)], preparedKey: round(prepared) } })}\n`);
