// The identity contract against a real Keycloak: the realm in
// deploy/keycloak/onewindow-realm.json issues tokens that the platform's one
// verifier (libs/auth) accepts and maps to the right Principal, and the
// verifier refuses every token it must.
import { createHmac, generateKeyPairSync, createSign } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createTokenVerifier, type Principal } from '@onewindow/auth';
import { ManualClock } from '@onewindow/kernel';

const cluster = inject('cluster');
const issuer = cluster.issuer;
const AUDIENCE = 'onewindow-api';
const verifier = createTokenVerifier({ issuer, audience: AUDIENCE });

interface TokenAnswer {
  access_token?: string;
  id_token?: string;
  refresh_token?: string;
  error?: string;
}

async function tokenRequest(form: Record<string, string>): Promise<{ status: number; body: TokenAnswer }> {
  const answer = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: answer.status, body: (await answer.json()) as TokenAnswer };
}

async function password(username: string, scope?: string): Promise<TokenAnswer> {
  const { status, body } = await tokenRequest({
    grant_type: 'password',
    client_id: 'onewindow-console',
    username,
    password: 'onewindow-demo',
    ...(scope ? { scope } : {}),
  });
  if (status !== 200 || !body.access_token) throw new Error(`no token for ${username}: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function clientCredentials(clientId: string, secret: string): Promise<string> {
  const { status, body } = await tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
  if (status !== 200 || !body.access_token) throw new Error(`no token for ${clientId}: ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => decode(token.split('.')[1] ?? '');

async function refusal(token: string, v = verifier): Promise<{ kind: string; code: string }> {
  try {
    await v.verify(token);
  } catch (err) {
    return err as { kind: string; code: string };
  }
  throw new Error('the verifier accepted a token it must refuse');
}

/** What a principal looks like without the raw token and the per-user subject. */
const shape = (p: Principal) => ({
  username: p.username,
  displayName: p.displayName,
  roles: [...p.roles].sort(),
  orgUnit: p.orgUnit,
  agency: p.agency,
  hall: p.hall,
  clientId: p.clientId,
});

describe('Keycloak realm onewindow: discovery', () => {
  it('publishes Keycloak paths for the realm and an RS256 signing key', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery['issuer']).toBe(issuer);
    expect(discovery['token_endpoint']).toBe(`${issuer}/protocol/openid-connect/token`);
    expect(discovery['jwks_uri']).toBe(`${issuer}/protocol/openid-connect/certs`);
    const jwks = (await (await fetch(discovery['jwks_uri'] as string)).json()) as { keys: Array<Record<string, unknown>> };
    const signing = jwks.keys.filter((k) => k['use'] === 'sig' && k['alg'] === 'RS256');
    expect(signing.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  });
});

describe('Keycloak realm onewindow: tokens the platform accepts', () => {
  it.each([
    ['applicant-demo', { username: 'applicant-demo', displayName: '张三', roles: ['applicant'], orgUnit: undefined, agency: undefined, hall: undefined }],
    ['clerk-demo', { username: 'clerk-demo', displayName: '李四', roles: ['clerk'], orgUnit: '510100', agency: '市场监督管理局', hall: 'hall-510100-01' }],
    ['approver-demo', { username: 'approver-demo', displayName: '王五', roles: ['approver'], orgUnit: '510100', agency: '市场监督管理局', hall: undefined }],
    ['supervisor-demo', { username: 'supervisor-demo', displayName: '赵六', roles: ['supervisor'], orgUnit: '510100', agency: undefined, hall: undefined }],
    ['admin-demo', { username: 'admin-demo', displayName: '平台管理员', roles: ['platform_admin'], orgUnit: undefined, agency: undefined, hall: undefined }],
  ])('a password-grant token of %s maps to its Principal', async (username, expected) => {
    const { access_token: token = '' } = await password(username);
    const principal = await verifier.verify(token);
    expect(shape(principal)).toEqual({ ...expected, clientId: 'onewindow-console' });
    expect(principal.subject).toMatch(/^[0-9a-f-]{36}$/);
    expect(principal.token).toBe(token);
    // The raw token is Keycloak's: its own roles are there, the Principal keeps only the platform's.
    const claims = claimsOf(token);
    expect(claims['typ']).toBe('Bearer');
    expect(claims['aud']).toContain(AUDIENCE);
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('default-roles-onewindow');
  });

  it('a client-credentials token of onewindow-services carries role service', async () => {
    const principal = await verifier.verify(await clientCredentials('onewindow-services', cluster.servicesClientSecret));
    expect(shape(principal)).toEqual({
      username: 'service-account-onewindow-services',
      displayName: undefined,
      roles: ['service'],
      orgUnit: undefined,
      agency: undefined,
      hall: undefined,
      clientId: 'onewindow-services',
    });
  });

  it('a client-credentials token of partner-demo carries role partner and nothing else', async () => {
    const principal = await verifier.verify(await clientCredentials('partner-demo', cluster.partnerClientSecret));
    expect(principal.roles).toEqual(['partner']);
    expect(principal.clientId).toBe('partner-demo');
  });
});

describe('Keycloak realm onewindow: the identity service\'s admin client', () => {
  it('onewindow-identity may manage the realm\'s users and clients, not the master realm, and is no platform caller', async () => {
    const token = await clientCredentials('onewindow-identity', cluster.identityAdminSecret);
    const admin = (path: string) => fetch(`${cluster.keycloakUrl}/admin/realms/${path}`, { headers: { authorization: `Bearer ${token}` } });
    const users = await admin('onewindow/users?exact=true&username=clerk-demo');
    expect(users.status).toBe(200);
    expect(((await users.json()) as Array<{ username: string }>).map((u) => u.username)).toEqual(['clerk-demo']);
    expect((await admin('onewindow/clients?clientId=partner-demo')).status).toBe(200);
    expect((await admin('onewindow/roles/partner')).status).toBe(200);
    expect([401, 403]).toContain((await admin('master/users')).status);
    // Its token names no onewindow-api audience and carries no platform role.
    expect(claimsOf(token)['aud'] ?? []).not.toContain(AUDIENCE);
    expect(await refusal(token)).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});

describe('Keycloak realm onewindow: what the realm refuses', () => {
  it('refuses a wrong client secret, a wrong password and client credentials for the public console', async () => {
    expect((await tokenRequest({ grant_type: 'client_credentials', client_id: 'onewindow-services', client_secret: 'not-the-secret' })).status).toBe(401);
    const wrongPassword = await tokenRequest({ grant_type: 'password', client_id: 'onewindow-console', username: 'clerk-demo', password: 'guess' });
    // Keycloak 26.7 answers 400 invalid_grant ("Invalid user credentials"); older releases 401.
    expect([400, 401]).toContain(wrongPassword.status);
    expect(wrongPassword.body).toMatchObject({ error: 'invalid_grant' });
    expect(wrongPassword.body.access_token).toBeUndefined();
    const consoleAsService = await tokenRequest({ grant_type: 'client_credentials', client_id: 'onewindow-console' });
    expect(consoleAsService.status).toBeGreaterThanOrEqual(400);
    expect(consoleAsService.body.access_token).toBeUndefined();
  });

  it('does not let a user change their own org unit, hall or agency', async () => {
    const { access_token: token = '' } = await password('clerk-demo');
    const account = `${issuer}/account/`;
    const me = (await (await fetch(account, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })).json()) as Record<string, unknown>;
    const attributes = { ...(me['attributes'] as Record<string, string[]> | undefined), org_unit: ['999999'], hall: ['hall-999999-01'], agency: ['任意机关'] };
    const update = await fetch(account, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...me, attributes }),
    });
    // Keycloak either refuses the update or ignores the read-only attributes; the next token tells.
    expect([200, 204, 400, 403]).toContain(update.status);
    const after = await verifier.verify((await password('clerk-demo')).access_token ?? '');
    expect({ orgUnit: after.orgUnit, hall: after.hall, agency: after.agency }).toEqual({ orgUnit: '510100', hall: 'hall-510100-01', agency: '市场监督管理局' });
  });
});

describe('the verifier refuses Keycloak tokens it must', () => {
  it('refuses a token from another issuer (same keys, other realm URL)', async () => {
    const token = (await password('clerk-demo')).access_token ?? '';
    const elsewhere = createTokenVerifier({
      issuer: issuer.replace(/\/realms\/onewindow$/, '/realms/other'),
      audience: AUDIENCE,
      jwksUri: `${issuer}/protocol/openid-connect/certs`,
    });
    expect(await refusal(token, elsewhere)).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
  });

  it('refuses a token for another audience, and the ID token (audience onewindow-console)', async () => {
    const answer = await password('clerk-demo', 'openid');
    const forOtherApi = createTokenVerifier({ issuer, audience: 'another-api' });
    expect(await refusal(answer.access_token ?? '', forOtherApi)).toMatchObject({ code: 'TOKEN_INVALID' });
    expect(answer.id_token).toBeDefined();
    expect(claimsOf(answer.id_token ?? '')['aud']).toBe('onewindow-console');
    expect(await refusal(answer.id_token ?? '')).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses the refresh token (HMAC-signed, typ Refresh)', async () => {
    const answer = await password('clerk-demo');
    expect(answer.refresh_token).toBeDefined();
    expect(await refusal(answer.refresh_token ?? '')).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses an expired token, and accepts the same token while it is valid', async () => {
    const token = (await password('approver-demo')).access_token ?? '';
    const { iat, exp } = claimsOf(token) as { iat: number; exp: number };
    expect(exp - iat).toBe(300);
    const clock = new ManualClock(new Date(iat * 1000 + 1000));
    const atClock = createTokenVerifier({ issuer, audience: AUDIENCE, clock });
    expect((await atClock.verify(token)).roles).toEqual(['approver']);
    clock.set(new Date(exp * 1000 + 1000));
    expect(await refusal(token, atClock)).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_EXPIRED' });
  });

  it('refuses a tampered token (a role added, the signature kept)', async () => {
    const token = (await password('applicant-demo')).access_token ?? '';
    const [header = '', payload = '', signature = ''] = token.split('.');
    const claims = decode(payload);
    claims['realm_access'] = { roles: ['applicant', 'platform_admin'] };
    expect(await refusal(`${header}.${encode(claims)}.${signature}`)).toMatchObject({ code: 'TOKEN_INVALID' });
    // One flipped character of the signature is enough as well.
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.slice(-1);
    expect(await refusal(`${header}.${payload}.${flipped}`)).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses an unsigned token (alg none) with valid claims', async () => {
    const token = (await password('clerk-demo')).access_token ?? '';
    const [header = '', payload = ''] = token.split('.');
    const none = { ...decode(header), alg: 'none' };
    expect(await refusal(`${encode(none)}.${payload}.`)).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses an HS256 token keyed with the realm public key (algorithm confusion)', async () => {
    const token = (await password('clerk-demo')).access_token ?? '';
    const [header = '', payload = ''] = token.split('.');
    const jwks = (await (await fetch(`${issuer}/protocol/openid-connect/certs`)).json()) as { keys: Array<Record<string, unknown>> };
    const publicKey = JSON.stringify(jwks.keys.find((k) => k['kid'] === decode(header)['kid']));
    const hs = encode({ ...decode(header), alg: 'HS256' });
    const mac = createHmac('sha256', publicKey).update(`${hs}.${payload}`).digest('base64url');
    expect(await refusal(`${hs}.${payload}.${mac}`)).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it("refuses a token signed by another key under the realm key's kid", async () => {
    const token = (await password('admin-demo')).access_token ?? '';
    const [header = '', payload = ''] = token.split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
    expect(await refusal(`${header}.${payload}.${signature}`)).toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
