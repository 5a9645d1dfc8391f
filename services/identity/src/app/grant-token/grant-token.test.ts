import { beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { ManualClock } from '@onewindow/kernel';
import { hashSecret } from '../secrets/secret-hash.js';
import { PersistentSigningKeys } from '../signing-keys/signing-keys.js';
import { applicantFixture, clientFixture, staffFixture } from '../../testing/fixtures.js';
import { InMemoryClientRegistry, InMemorySigningKeyRepository, InMemoryUserDirectory } from '../../testing/in-memory.js';
import { grantToken, type GrantTokenDeps, type TokenRequest } from './grant-token.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const NOW = new Date('2026-03-02T09:00:00Z');
const ISSUER = 'http://127.0.0.1:8080/realms/onewindow';

let deps: GrantTokenDeps;

beforeEach(async () => {
  const clock = new ManualClock(NOW);
  const users = new InMemoryUserDirectory();
  const clients = new InMemoryClientRegistry();
  const password = await hashSecret('pw-of-a-person', CHEAP);
  await users.save({ ...staffFixture(), passwordHash: password });
  await users.save({ ...staffFixture({ id: 'u-off', username: 'clerk-off', enabled: false }), passwordHash: password });
  await users.save({
    ...staffFixture({ id: 'u-admin', username: 'admin-one', roles: ['platform_admin'], orgUnit: undefined, agency: undefined, hall: undefined }),
    passwordHash: password,
  });
  await users.save({ ...applicantFixture(), passwordHash: password });
  await clients.save(clientFixture({ id: 'c-console', clientId: 'console', kind: 'public', grants: ['password'], serviceAccountRoles: [], secretHash: undefined }));
  await clients.save(clientFixture({ secretHash: await hashSecret('services-secret-0123', CHEAP) }));
  await clients.save(clientFixture({ id: 'c-off', clientId: 'services-off', enabled: false, secretHash: await hashSecret('services-secret-0123', CHEAP) }));
  deps = {
    users,
    clients,
    keys: new PersistentSigningKeys({ repository: new InMemorySigningKeyRepository(), clock }),
    clock,
    issuer: ISSUER,
    audience: 'onewindow-api',
    accessTokenTtlSec: 120,
  };
});

const password = (extra: Partial<TokenRequest> = {}): TokenRequest => ({
  grantType: 'password',
  clientId: 'console',
  username: 'clerk-one',
  password: 'pw-of-a-person',
  ...extra,
});

async function failure(request: TokenRequest): Promise<{ kind: string; code: string; message: string }> {
  try {
    await grantToken(deps, request);
  } catch (err) {
    return err as { kind: string; code: string; message: string };
  }
  throw new Error('expected grantToken to fail');
}

describe('grantToken: password', () => {
  it('issues a token for the person with the configured lifetime', async () => {
    const issued = await grantToken(deps, password());
    const claims = decodeJwt(issued.accessToken);
    expect(issued).toMatchObject({ subject: 'u-clerk', expiresIn: 120, scope: 'profile email' });
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: 'onewindow-api',
      sub: 'u-clerk',
      azp: 'console',
      iat: NOW.getTime() / 1000,
      exp: NOW.getTime() / 1000 + 120,
      hall: 'hall-510100-01',
    });
    expect(decodeProtectedHeader(issued.accessToken)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
  });

  it('leaves out claims the person does not have', async () => {
    const claims = decodeJwt((await grantToken(deps, password({ username: 'admin-one' }))).accessToken);
    expect(claims).toMatchObject({ realm_access: { roles: ['platform_admin'] } });
    for (const absent of ['org_unit', 'agency', 'hall']) expect(claims).not.toHaveProperty(absent);
  });

  it('gives an applicant the applicant role and no staff claims', async () => {
    const claims = decodeJwt((await grantToken(deps, password({ username: 'applicant-one' }))).accessToken);
    expect(claims).toMatchObject({ sub: 'u-applicant', name: '张三', realm_access: { roles: ['applicant'] } });
    expect(claims).not.toHaveProperty('org_unit');
  });

  it('refuses a disabled account exactly like a wrong password', async () => {
    const disabled = await failure(password({ username: 'clerk-off' }));
    const wrong = await failure(password({ password: 'nope' }));
    const unknown = await failure(password({ username: 'ghost' }));
    for (const err of [disabled, wrong, unknown]) {
      expect(err).toMatchObject({ kind: 'unauthenticated', code: 'INVALID_USER_CREDENTIALS', message: 'Invalid user credentials' });
    }
  });

  it('ignores a secret sent by a public client', async () => {
    await expect(grantToken(deps, password({ clientSecret: 'anything' }))).resolves.toMatchObject({ subject: 'u-clerk' });
  });

  it('asks for the password when it is missing', async () => {
    expect(await failure(password({ password: undefined }))).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('checks the client before spending work on the password', async () => {
    expect(await failure(password({ clientId: 'ghost-client', password: 'nope' }))).toMatchObject({ code: 'INVALID_CLIENT' });
  });
});

describe('grantToken: client credentials', () => {
  const credentials = (extra: Partial<TokenRequest> = {}): TokenRequest => ({
    grantType: 'client_credentials',
    clientId: 'services-one',
    clientSecret: 'services-secret-0123',
    ...extra,
  });

  it("issues a token for the client's service account, without an ID token", async () => {
    const issued = await grantToken(deps, credentials({ scope: 'openid' }));
    expect(issued.idToken).toBeUndefined();
    expect(decodeJwt(issued.accessToken)).toMatchObject({
      sub: 'c-services',
      azp: 'services-one',
      preferred_username: 'service-account-services-one',
      realm_access: { roles: ['service'] },
    });
  });

  it.each([
    ['a wrong secret', { clientSecret: 'not-the-secret' }, 'INVALID_CLIENT'],
    ['no secret', { clientSecret: undefined }, 'CLIENT_SECRET_MISSING'],
    ['an empty secret', { clientSecret: '' }, 'CLIENT_SECRET_MISSING'],
    ['no client id', { clientId: undefined }, 'INVALID_CLIENT'],
    ['a disabled client', { clientId: 'services-off' }, 'INVALID_CLIENT'],
  ])('refuses %s', async (_label, extra, code) => {
    expect(await failure(credentials(extra))).toMatchObject({ kind: 'unauthenticated', code });
  });

  it('refuses a grant the client is not allowed', async () => {
    expect(await failure(credentials({ grantType: 'password', username: 'clerk-one', password: 'pw-of-a-person' }))).toMatchObject({
      kind: 'forbidden',
      code: 'UNAUTHORIZED_CLIENT',
    });
  });
});

describe('grantToken: request shape', () => {
  it.each([
    [{ grantType: undefined }, 'INVALID_REQUEST'],
    [{ grantType: 'implicit' }, 'UNSUPPORTED_GRANT_TYPE'],
    [{ scope: 'openid offline_access' }, 'INVALID_SCOPE'],
  ])('refuses %j with %s', async (extra, code) => {
    expect(await failure(password(extra))).toMatchObject({ kind: 'invalid', code });
  });

  it('grants openid only when asked, and the default scopes always', async () => {
    expect((await grantToken(deps, password({ scope: 'profile' }))).scope).toBe('profile email');
    const withOpenid = await grantToken(deps, password({ scope: 'openid email' }));
    expect(withOpenid.scope).toBe('openid profile email');
    expect(decodeJwt(withOpenid.idToken!)).toMatchObject({ typ: 'ID', aud: 'console', sub: 'u-clerk' });
  });
});
