import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createLogger, ManualClock } from '@onewindow/kernel';
import { demoSeed, PersistentSigningKeys, seedDemoAccounts } from '../../app/index.js';
import { InMemoryClientRegistry, InMemorySigningKeyRepository, InMemoryUserDirectory } from '../../testing/in-memory.js';
import { createOidcRouter, type OidcRouter } from './index.js';

const REDIRECT = 'http://127.0.0.1:8080/';
const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
let server: Server;
let issuer: string;

beforeAll(async () => {
  const users = new InMemoryUserDirectory();
  const clients = new InMemoryClientRegistry();
  await seedDemoAccounts({ users, clients }, 'development', demoSeed({
    servicesClientSecret: randomBytes(24).toString('base64url'),
    partnerClientSecret: randomBytes(24).toString('base64url'),
  }));
  const keys = new PersistentSigningKeys({ repository: new InMemorySigningKeyRepository(), clock });
  // The issuer URL is known once the port is; one router serves every request, since codes and refresh tokens live in it.
  const router: { handler?: OidcRouter } = {};
  server = createServer((req, res) => router.handler?.(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/onewindow`;
  router.handler = createOidcRouter({ issuer, keys, users, clients, clock, logger: createLogger({ service: 'test', level: 'silent' }) });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');

function authParams(extra: Record<string, string> = {}, codeVerifier = verifier()): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: 'onewindow-console',
    redirect_uri: REDIRECT,
    scope: 'openid',
    state: 'state-123',
    nonce: 'nonce-456',
    code_challenge: challengeOf(codeVerifier),
    code_challenge_method: 'S256',
    ...extra,
  });
}

async function signIn(params: URLSearchParams, password = 'onewindow-demo'): Promise<Response> {
  const form = new URLSearchParams(params);
  form.set('username', 'clerk-demo');
  form.set('password', password);
  return fetch(`${issuer}/protocol/openid-connect/auth`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

async function codeFor(codeVerifier: string): Promise<string> {
  const res = await signIn(authParams({}, codeVerifier));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('state-123');
  return location.searchParams.get('code')!;
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'onewindow-console', ...form }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const exchange = (code: string, codeVerifier: string, extra: Record<string, string> = {}) =>
  token({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: REDIRECT, ...extra });

describe('authorization endpoint', () => {
  it('shows a zh-CN login page by default and English when asked', async () => {
    const zh = await fetch(`${issuer}/protocol/openid-connect/auth?${authParams()}`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await zh.text()).toContain('<html lang="zh-CN">');
    const en = await fetch(`${issuer}/protocol/openid-connect/auth?${authParams({ ui_locales: 'en' })}`);
    expect(await en.text()).toContain('Sign in to OneWindow');
  });

  it('escapes what the request carries into the page', async () => {
    const page = await (await fetch(`${issuer}/protocol/openid-connect/auth?${authParams({ state: '"><script>x</script>' })}`)).text();
    expect(page).not.toContain('<script>x');
  });

  it('refuses an unregistered redirect URI on the page, never redirecting there', async () => {
    for (const uri of ['https://evil.example/', 'http://127.0.0.1:8080/evil', 'http://127.0.0.1:8080']) {
      const res = await fetch(`${issuer}/protocol/openid-connect/auth?${authParams({ redirect_uri: uri })}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('refuses an unknown client on the page', async () => {
    const res = await fetch(`${issuer}/protocol/openid-connect/auth?${authParams({ client_id: 'ghost' })}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });

  it.each([
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['no PKCE', { code_challenge: '' }, 'invalid_request'],
    ['no state', { state: '' }, 'invalid_request'],
    ['the implicit flow', { response_type: 'token' }, 'unsupported_response_type'],
    ['a client without the code flow', { client_id: 'partner-demo' }, 'page'],
  ])('refuses %s', async (_label, extra, error) => {
    const res = await fetch(`${issuer}/protocol/openid-connect/auth?${authParams(extra)}`, { redirect: 'manual' });
    if (error === 'page') {
      expect(res.status).toBe(400);
      return;
    }
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe(error);
  });

  it('shows the page again on a wrong password, without a code', async () => {
    const res = await signIn(authParams(), 'wrong');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('用户名或密码错误');
  });
});

describe('code exchange', () => {
  it('gives tokens with the nonce, and a refresh token', async () => {
    const v = verifier();
    const { status, body } = await exchange(await codeFor(v), v);
    expect(status).toBe(200);
    expect(decodeJwt(String(body['id_token']))).toMatchObject({ nonce: 'nonce-456', aud: 'onewindow-console', preferred_username: 'clerk-demo' });
    expect(decodeJwt(String(body['access_token']))).toMatchObject({ azp: 'onewindow-console', sid: expect.any(String) });
    expect(body['refresh_token']).toEqual(expect.any(String));
  });

  it('refuses a wrong verifier', async () => {
    const code = await codeFor(verifier());
    expect(await exchange(code, verifier())).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a missing verifier and another redirect URI', async () => {
    const v = verifier();
    expect(await exchange(await codeFor(v), '')).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await exchange(await codeFor(v), v, { redirect_uri: 'http://localhost:8080/' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('refuses a reused code and ends the sign-in the first use started', async () => {
    const v = verifier();
    const code = await codeFor(v);
    const first = await exchange(code, v);
    expect(first.status).toBe(200);
    expect(await exchange(code, v)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'refresh_token', refresh_token: String(first.body['refresh_token']) })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('refuses an expired code', async () => {
    const v = verifier();
    const code = await codeFor(v);
    clock.advance(61_000);
    expect(await exchange(code, v)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('refresh and logout', () => {
  async function signedIn(): Promise<string> {
    const v = verifier();
    return String((await exchange(await codeFor(v), v)).body['refresh_token']);
  }

  it('rotates the refresh token: the new one works, the old one no longer', async () => {
    const first = await signedIn();
    const next = await token({ grant_type: 'refresh_token', refresh_token: first });
    expect(next.status).toBe(200);
    expect(await token({ grant_type: 'refresh_token', refresh_token: first })).toMatchObject({ status: 400 });
    expect((await token({ grant_type: 'refresh_token', refresh_token: String(next.body['refresh_token']) })).status).toBe(200);
  });

  it('ends the sign-in after the idle lifetime', async () => {
    const refresh = await signedIn();
    clock.advance(1801_000);
    expect(await token({ grant_type: 'refresh_token', refresh_token: refresh })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('logs out: the refresh token is dead afterwards', async () => {
    const refresh = await signedIn();
    const res = await fetch(`${issuer}/protocol/openid-connect/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'onewindow-console', refresh_token: refresh }).toString(),
    });
    expect(res.status).toBe(204);
    expect(await token({ grant_type: 'refresh_token', refresh_token: refresh })).toMatchObject({ status: 400 });
  });

  it('sends the browser on after logout only to a registered URI', async () => {
    const ok = await fetch(`${issuer}/protocol/openid-connect/logout?client_id=onewindow-console&post_logout_redirect_uri=${REDIRECT}`, {
      redirect: 'manual',
    });
    expect(ok.status).toBe(302);
    const evil = await fetch(`${issuer}/protocol/openid-connect/logout?client_id=onewindow-console&post_logout_redirect_uri=https://evil.example/`, {
      redirect: 'manual',
    });
    expect(evil.status).toBe(400);
  });
});
