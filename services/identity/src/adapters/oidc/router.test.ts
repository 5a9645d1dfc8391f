import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type JSONWebKeySet } from 'jose';
import { createLogger, ManualClock } from '@onewindow/kernel';
import { createTokenVerifier, type TokenVerifier } from '@onewindow/auth';
import { demoSeed, PersistentSigningKeys, seedDemoAccounts } from '../../app/index.js';
import {
  InMemoryClientRegistry,
  InMemorySigningKeyRepository,
  InMemoryUserDirectory,
} from '../../testing/in-memory.js';
import { createOidcRouter, type OidcRouter } from './index.js';

/** express ships no types here; the test needs only an app that mounts a handler under a path. */
interface ExpressApp {
  (req: IncomingMessage, res: ServerResponse): void;
  use(path: string, handler: OidcRouter): void;
}
const express = createRequire(import.meta.url)('express') as () => ExpressApp;

const REALM_PATH = '/realms/onewindow';
const AUDIENCE = 'onewindow-api';
const SERVICES_SECRET = randomBytes(24).toString('base64url');
const PARTNER_SECRET = randomBytes(24).toString('base64url');

const clock = new ManualClock(new Date());
let server: Server;
let origin: string;
let issuer: string;
let verifier: TokenVerifier;
let keys: PersistentSigningKeys;

beforeAll(async () => {
  const users = new InMemoryUserDirectory();
  const clients = new InMemoryClientRegistry();
  await seedDemoAccounts({ users, clients }, 'development', demoSeed({
    servicesClientSecret: SERVICES_SECRET,
    partnerClientSecret: PARTNER_SECRET,
  }));
  keys = new PersistentSigningKeys({ repository: new InMemorySigningKeyRepository(), clock });

  // The issuer URL is only known once the port is: the router is created on first request.
  let router: OidcRouter | undefined;
  const app = express();
  app.use(REALM_PATH, (req, res, next) => {
    router ??= createOidcRouter({
      issuer,
      keys,
      users,
      clients,
      clock,
      logger: createLogger({ service: 'identity-test', level: 'silent' }),
    });
    router(req, res, next);
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${origin}${REALM_PATH}`;
  verifier = createTokenVerifier({ issuer, audience: AUDIENCE, clock });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface TokenBody {
  access_token?: string;
  id_token?: string;
  expires_in?: number;
  refresh_expires_in?: number;
  token_type?: string;
  scope?: string;
  error?: string;
  error_description?: string;
}

async function tokenRequest(
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: TokenBody }> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as TokenBody };
}

const signIn = (username: string, password = 'onewindow-demo', extra: Record<string, string> = {}) =>
  tokenRequest({ grant_type: 'password', client_id: 'onewindow-console', username, password, ...extra });

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function accessToken(username: string): Promise<string> {
  const { status, body } = await signIn(username);
  expect(status).toBe(200);
  return body.access_token!;
}

async function rejection(promise: Promise<unknown>): Promise<{ kind: string; code: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { kind: string; code: string };
  }
  throw new Error('expected a rejection');
}

describe('discovery and keys', () => {
  it('describes the realm with URLs under the configured issuer', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issuer,
      token_endpoint: `${issuer}/protocol/openid-connect/token`,
      jwks_uri: `${issuer}/protocol/openid-connect/certs`,
      authorization_endpoint: `${issuer}/protocol/openid-connect/auth`,
      end_session_endpoint: `${issuer}/protocol/openid-connect/logout`,
      grant_types_supported: ['authorization_code', 'refresh_token', 'password', 'client_credentials'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('publishes public RSA keys only', async () => {
    const res = await fetch(`${issuer}/protocol/openid-connect/certs`);
    const jwks = (await res.json()) as JSONWebKeySet;
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const secretPart of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secretPart);
    }
  });

  it('passes unknown paths on to the next handler and refuses wrong methods', async () => {
    expect((await fetch(`${issuer}/protocol/openid-connect/userinfo`)).status).toBe(404);
    const get = await fetch(`${issuer}/protocol/openid-connect/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('serves the same paths without express, the issuer path still in the URL', async () => {
    const plain = createServer(
      createOidcRouter({
        issuer: 'https://gov.example/realms/onewindow/',
        keys,
        users: new InMemoryUserDirectory(),
        clients: new InMemoryClientRegistry(),
        clock,
        logger: createLogger({ service: 'identity-test', level: 'silent' }),
      }),
    );
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const doc = (await (await fetch(`${base}/realms/onewindow/.well-known/openid-configuration`)).json()) as {
        issuer: string;
        jwks_uri: string;
      };
      expect(doc.issuer).toBe('https://gov.example/realms/onewindow');
      expect(doc.jwks_uri).toBe('https://gov.example/realms/onewindow/protocol/openid-connect/certs');
      expect((await fetch(`${base}/realms/onewindow/protocol/openid-connect/certs`)).status).toBe(200);
      expect((await fetch(`${base}/realms/other/protocol/openid-connect/certs`)).status).toBe(404);
    } finally {
      await new Promise<void>((resolve) => plain.close(() => resolve()));
    }
  });
});

describe('password grant', () => {
  it('answers like Keycloak and the token round-trips through the shared verifier', async () => {
    const { status, headers, body } = await signIn('clerk-demo');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({ expires_in: 300, refresh_expires_in: 0, token_type: 'Bearer', scope: 'profile email' });
    expect(body.id_token).toBeUndefined();

    const principal = await verifier.verify(body.access_token!);
    expect(principal).toEqual({
      subject: '0190a5c0-0000-7000-8000-000000000002',
      username: 'clerk-demo',
      displayName: '李四',
      roles: ['clerk'],
      orgUnit: '510100',
      agency: '市场监督管理局',
      hall: 'hall-510100-01',
      clientId: 'onewindow-console',
      token: body.access_token,
    });
  });

  it('signs with a published kid and writes every Keycloak claim', async () => {
    const token = await accessToken('approver-demo');
    const header = decodeProtectedHeader(token);
    const jwks = (await (await fetch(`${issuer}/protocol/openid-connect/certs`)).json()) as JSONWebKeySet;
    expect(header.alg).toBe('RS256');
    expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);

    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: issuer,
      aud: AUDIENCE,
      azp: 'onewindow-console',
      typ: 'Bearer',
      preferred_username: 'approver-demo',
      name: '王五',
      realm_access: { roles: ['approver'] },
      org_unit: '510100',
      agency: '市场监督管理局',
      scope: 'profile email',
    });
    expect(claims.exp! - claims.iat!).toBe(300);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims).not.toHaveProperty('hall');
  });

  it.each([
    ['applicant-demo', ['applicant']],
    ['supervisor-demo', ['supervisor']],
    ['admin-demo', ['platform_admin']],
  ])('signs in %s with roles %j', async (username, roles) => {
    expect((await verifier.verify(await accessToken(username))).roles).toEqual(roles);
  });

  it('treats the username case-insensitively', async () => {
    expect((await verifier.verify(await accessToken('Clerk-Demo'))).username).toBe('clerk-demo');
  });

  it('keeps the resident ID out of the token', async () => {
    const token = await accessToken('applicant-demo');
    expect(JSON.stringify(decodeJwt(token))).not.toContain('510116197505171410');
  });

  it('adds an ID token for the openid scope, which no service accepts as an access token', async () => {
    const { status, body } = await signIn('applicant-demo', 'onewindow-demo', { scope: 'openid' });
    expect(status).toBe(200);
    expect(body.scope).toBe('openid profile email');
    expect(decodeJwt(body.id_token!)).toMatchObject({ aud: 'onewindow-console', typ: 'ID', name: '张三' });
    expect((await rejection(verifier.verify(body.id_token!))).code).toBe('TOKEN_INVALID');
  });

  it.each([
    ['a wrong password', 'clerk-demo', 'wrong-password'],
    ['an unknown user', 'nobody-demo', 'onewindow-demo'],
    ['an empty password', 'clerk-demo', ''],
  ])('refuses %s with 401 invalid_grant', async (_label, username, password) => {
    const { status, body } = await signIn(username, password);
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
  });

  it('refuses a password grant to a client not allowed direct access grants', async () => {
    const { status, body } = await tokenRequest(
      { grant_type: 'password', username: 'clerk-demo', password: 'onewindow-demo' },
      { authorization: basic('onewindow-services', SERVICES_SECRET) },
    );
    expect(status).toBe(400);
    expect(body.error).toBe('unauthorized_client');
  });

  it('refuses an unknown scope', async () => {
    const { status, body } = await signIn('clerk-demo', 'onewindow-demo', { scope: 'openid admin' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_scope', error_description: 'Invalid scopes: admin' });
  });

  it('asks for a missing username', async () => {
    const { status, body } = await tokenRequest({ grant_type: 'password', client_id: 'onewindow-console' });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });
});

describe('client credentials grant', () => {
  it('issues a service-account token to onewindow-services with Basic auth', async () => {
    const { status, body } = await tokenRequest(
      { grant_type: 'client_credentials' },
      { authorization: basic('onewindow-services', SERVICES_SECRET) },
    );
    expect(status).toBe(200);
    expect(await verifier.verify(body.access_token!)).toEqual({
      subject: '0190a5c0-0000-7000-8000-0000000000c2',
      username: 'service-account-onewindow-services',
      roles: ['service'],
      clientId: 'onewindow-services',
      token: body.access_token,
    });
  });

  it('issues a partner token with client_secret_post', async () => {
    const { status, body } = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'partner-demo',
      client_secret: PARTNER_SECRET,
    });
    expect(status).toBe(200);
    expect(await verifier.verify(body.access_token!)).toMatchObject({ roles: ['partner'], clientId: 'partner-demo' });
  });

  it('refuses an unknown client with 401 invalid_client', async () => {
    const { status, body } = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'no-such-client',
      client_secret: 'whatever-secret-value',
    });
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
  });

  it('refuses a confidential client that sends no secret', async () => {
    const { status, body } = await tokenRequest({ grant_type: 'client_credentials', client_id: 'onewindow-services' });
    expect(status).toBe(401);
    expect(body).toEqual({ error: 'invalid_client', error_description: 'Client secret not provided in request' });
  });

  it('refuses a wrong secret over Basic with a WWW-Authenticate challenge', async () => {
    const { status, headers, body } = await tokenRequest(
      { grant_type: 'client_credentials' },
      { authorization: basic('onewindow-services', PARTNER_SECRET) },
    );
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(headers.get('www-authenticate')).toBe('Basic realm="onewindow"');
  });

  it('refuses client credentials to the public console', async () => {
    const { status, body } = await tokenRequest({ grant_type: 'client_credentials', client_id: 'onewindow-console' });
    expect(status).toBe(400);
    expect(body.error).toBe('unauthorized_client');
  });

  it('refuses two client authentication methods at once', async () => {
    const { status, body } = await tokenRequest(
      { grant_type: 'client_credentials', client_secret: SERVICES_SECRET },
      { authorization: basic('onewindow-services', SERVICES_SECRET) },
    );
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });
});

describe('malformed token requests', () => {
  it('refuses an unsupported grant type', async () => {
    const { status, body } = await tokenRequest({ grant_type: 'implicit', client_id: 'onewindow-console' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
  });

  it('refuses a missing grant type', async () => {
    const { status, body } = await tokenRequest({ client_id: 'onewindow-console' });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
  });

  it('refuses JSON bodies', async () => {
    const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as TokenBody).error).toBe('invalid_request');
  });

  it('refuses repeated parameters', async () => {
    const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=onewindow-console&username=clerk-demo&username=admin-demo&password=x',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as TokenBody).error).toBe('invalid_request');
  });

  it('refuses bodies over the size limit', async () => {
    const { status } = await tokenRequest({ grant_type: 'password', padding: 'x'.repeat(20_000) });
    expect(status).toBe(413);
  });
});

describe('the verifier refuses what the issuer did not vouch for', () => {
  it('refuses an expired token', async () => {
    const token = await accessToken('clerk-demo');
    const later = new ManualClock(new Date(clock.now().getTime() + 301_000));
    const verifierLater = createTokenVerifier({ issuer, audience: AUDIENCE, clock: later });
    expect(await rejection(verifierLater.verify(token))).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_EXPIRED' });
  });

  it('refuses a token signed by another key, under a made-up or a published kid', async () => {
    const genuine = await accessToken('clerk-demo');
    const { privateKey } = await generateKeyPair('RS256');
    const claims = decodeJwt(genuine);
    for (const kid of ['made-up-kid', decodeProtectedHeader(genuine).kid!]) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
      expect((await rejection(verifier.verify(forged))).code).toBe('TOKEN_INVALID');
    }
  });

  it('refuses a tampered payload', async () => {
    const [header, payload, signature] = (await accessToken('applicant-demo')).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
    const elevated = base64url.encode(JSON.stringify({ ...claims, realm_access: { roles: ['platform_admin'] } }));
    expect((await rejection(verifier.verify(`${header}.${elevated}.${signature}`))).code).toBe('TOKEN_INVALID');
  });

  it('refuses alg none', async () => {
    const token = await accessToken('clerk-demo');
    const header = base64url.encode(JSON.stringify({ alg: 'none', kid: decodeProtectedHeader(token).kid }));
    const payload = token.split('.')[1];
    expect((await rejection(verifier.verify(`${header}.${payload}.`))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a token for another audience', async () => {
    const token = await accessToken('clerk-demo');
    const otherApi = createTokenVerifier({ issuer, audience: 'another-api', clock });
    expect((await rejection(otherApi.verify(token))).code).toBe('TOKEN_INVALID');
  });

  it('refuses a token from another issuer even when the keys match', async () => {
    const token = await accessToken('clerk-demo');
    const otherRealm = createTokenVerifier({
      issuer: `${origin}/realms/other`,
      audience: AUDIENCE,
      jwksUri: `${issuer}/protocol/openid-connect/certs`,
      clock,
    });
    expect((await rejection(otherRealm.verify(token))).code).toBe('TOKEN_INVALID');
  });
});
