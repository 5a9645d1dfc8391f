import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { ManualClock } from '@onewindow/kernel';
import { bearerFrom, createTokenVerifier, type TokenVerifier } from './verifier.js';

const AUDIENCE = 'onewindow-api';
const NOW = new Date('2026-03-02T09:00:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function signingKey(alg: 'RS256' | 'ES256' | 'PS256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

let server: Server;
let issuer: string;
let rsa: SigningKey;
let ec: SigningKey;
let stranger: SigningKey;
const clock = new ManualClock(NOW);
let verifier: TokenVerifier;

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: issuer,
    sub: 'u-clerk',
    aud: AUDIENCE,
    azp: 'onewindow-console',
    typ: 'Bearer',
    iat: nowSec,
    exp: nowSec + 300,
    jti: 'jti-1',
    preferred_username: 'clerk-demo',
    name: '李四',
    realm_access: { roles: ['clerk', 'offline_access', 'default-roles-onewindow', 'clerk'] },
    org_unit: '510100',
    agency: '市场监督管理局',
    hall: 'hall-510100-01',
    scope: 'profile email',
    ...overrides,
  };
}

function sign(payload: JWTPayload, key: SigningKey = rsa, kid: string = key.kid): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid, typ: 'JWT' }).sign(key.privateKey);
}

async function failure(promise: Promise<unknown>): Promise<{ kind: string; code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { kind: string; code: string; message: string };
  }
  throw new Error('expected the promise to reject');
}

beforeAll(async () => {
  rsa = await signingKey('RS256', 'rsa-1');
  ec = await signingKey('ES256', 'ec-1');
  stranger = await signingKey('RS256', 'stranger-1');
  server = createServer((req, res) => {
    if (req.url === '/realms/onewindow/protocol/openid-connect/certs') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/onewindow`;
  verifier = createTokenVerifier({ issuer, audience: AUDIENCE, clock });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createTokenVerifier', () => {
  it('maps a Keycloak-shaped access token to a principal, keeping only known roles', async () => {
    const token = await sign(claims());
    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'u-clerk',
      username: 'clerk-demo',
      displayName: '李四',
      roles: ['clerk'],
      orgUnit: '510100',
      agency: '市场监督管理局',
      hall: 'hall-510100-01',
      clientId: 'onewindow-console',
      token,
    });
  });

  it('accepts a service-account token without staff claims', async () => {
    const token = await sign(
      claims({
        sub: 'sa-services',
        azp: 'onewindow-services',
        preferred_username: 'service-account-onewindow-services',
        name: undefined,
        org_unit: undefined,
        agency: undefined,
        hall: undefined,
        realm_access: { roles: ['service'] },
      }),
    );
    const principal = await verifier.verify(token);
    expect(principal).toEqual({
      subject: 'sa-services',
      username: 'service-account-onewindow-services',
      roles: ['service'],
      clientId: 'onewindow-services',
      token,
    });
  });

  it('accepts ES256 from the same key set', async () => {
    await expect(verifier.verify(await sign(claims(), ec))).resolves.toMatchObject({ subject: 'u-clerk' });
  });

  it('accepts an audience array that contains the API', async () => {
    const token = await sign(claims({ aud: ['account', AUDIENCE] }));
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'u-clerk' });
  });

  it('refuses an expired token as TOKEN_EXPIRED', async () => {
    const token = await sign(claims({ iat: nowSec - 600, exp: nowSec - 1 }));
    expect(await failure(verifier.verify(token))).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_EXPIRED' });
  });

  it('uses the injected clock and its tolerance', async () => {
    const token = await sign(claims());
    const later = new ManualClock(new Date(NOW.getTime() + 310_000));
    const strict = createTokenVerifier({ issuer, audience: AUDIENCE, clock: later });
    const lenient = createTokenVerifier({ issuer, audience: AUDIENCE, clock: later, clockToleranceSec: 30 });
    expect((await failure(strict.verify(token))).code).toBe('TOKEN_EXPIRED');
    await expect(lenient.verify(token)).resolves.toMatchObject({ subject: 'u-clerk' });
  });

  it('refuses a token that is not yet valid', async () => {
    const token = await sign(claims({ nbf: nowSec + 120 }));
    expect((await failure(verifier.verify(token))).code).toBe('TOKEN_INVALID');
  });

  it.each([
    ['a wrong audience', { aud: 'account' }],
    ['a wrong issuer', { iss: 'http://127.0.0.1:1/realms/other' }],
    ['an ID token', { typ: 'ID' }],
    ['a refresh token', { typ: 'Refresh' }],
    ['no azp', { azp: undefined }],
    ['no exp', { exp: undefined }],
    ['no sub', { sub: undefined }],
  ])('refuses a token with %s', async (_label, overrides) => {
    const token = await sign(claims(overrides));
    expect(await failure(verifier.verify(token))).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    expect((await failure(verifier.verify(await sign(claims(), stranger)))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a token signed by another key that claims a published kid', async () => {
    expect((await failure(verifier.verify(await sign(claims(), stranger, 'rsa-1')))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    const forged = base64url.encode(JSON.stringify(claims({ realm_access: { roles: ['platform_admin'] } })));
    expect((await failure(verifier.verify(`${header}.${forged}.${signature}`))).code).toBe('TOKEN_INVALID');
  });

  it('refuses alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'rsa-1' }));
    const payload = base64url.encode(JSON.stringify(claims()));
    expect((await failure(verifier.verify(`${header}.${payload}.`))).code).toBe('TOKEN_INVALID');
  });

  it('refuses HS256 keyed with the public key', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(rsa.publicJwk));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(secret);
    expect((await failure(verifier.verify(token))).code).toBe('TOKEN_INVALID');
  });

  it.each(['', 'garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.', '....'])('refuses the malformed token %j', async (token) => {
    expect(await failure(verifier.verify(token))).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
  });

  it('never puts the token or its claims in the error', async () => {
    const token = await sign(claims({ aud: 'account', preferred_username: 'secret-name-42' }));
    const err = await failure(verifier.verify(token));
    expect(JSON.stringify({ ...err, message: err.message })).not.toMatch(/secret-name-42|account/);
    expect(err.message).not.toContain(token.slice(0, 20));
  });

  it('reports an unreachable key set as unavailable, not as a bad token', async () => {
    const offline = createTokenVerifier({
      issuer,
      audience: AUDIENCE,
      clock,
      jwksUri: `${issuer.replace(/:\d+\//, ':1/')}/protocol/openid-connect/certs`,
    });
    expect(await failure(offline.verify(await sign(claims())))).toMatchObject({
      kind: 'unavailable',
      code: 'IDP_UNAVAILABLE',
    });
  });

  it('reports a key set endpoint answering 404 as unavailable', async () => {
    const wrongPath = createTokenVerifier({ issuer, audience: AUDIENCE, clock, jwksUri: `${issuer}/nope` });
    expect((await failure(wrongPath.verify(await sign(claims())))).code).toBe('IDP_UNAVAILABLE');
  });
});

describe('bearerFrom', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def-_~+/=', 'abc.def-_~+/='],
    ['Bearer   abc ', 'abc'],
  ])('reads %j', (header, token) => {
    expect(bearerFrom(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a b', 'Bearerabc', 'Bearer a"b'])(
    'finds no token in %j',
    (header) => {
      expect(bearerFrom(header)).toBeUndefined();
    },
  );
});
