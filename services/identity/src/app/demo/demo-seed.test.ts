import { describe, expect, it } from 'vitest';
import { authenticateUser } from '../authenticate-user/authenticate-user.js';
import { authenticateClient } from '../authenticate-client/authenticate-client.js';
import { InMemoryClientRegistry, InMemoryUserDirectory } from '../../testing/in-memory.js';
import { assertDemoAllowed, assertNoDemoAccounts, DEMO_PASSWORD, demoSeed, seedDemoAccounts } from './demo-seed.js';

const SECRETS = { servicesClientSecret: 'services-secret-from-config', partnerClientSecret: 'partner-secret-from-config' };

function ports() {
  return { users: new InMemoryUserDirectory(), clients: new InMemoryClientRegistry() };
}

describe('demoSeed', () => {
  it('has one person per demo role at the Chengdu hall', () => {
    const { users } = demoSeed(SECRETS);
    const byName = Object.fromEntries(users.map(({ user }) => [user.username, user]));
    expect(Object.keys(byName).sort()).toEqual(['admin-demo', 'applicant-demo', 'approver-b-demo', 'approver-demo', 'clerk-demo', 'supervisor-demo']);
    expect(byName['clerk-demo']).toMatchObject({ roles: ['clerk'], hall: 'hall-510100-01', orgUnit: '510100', agency: '市场监督管理局' });
    expect(byName['approver-demo']).toMatchObject({ roles: ['approver'], orgUnit: '510100', agency: '市场监督管理局' });
    expect(byName['supervisor-demo']).toMatchObject({ roles: ['supervisor'], orgUnit: '510100' });
    expect(byName['admin-demo']).toMatchObject({ roles: ['platform_admin'] });
    expect(users.every((u) => u.password === DEMO_PASSWORD)).toBe(true);
  });

  it('makes the applicant an account named 张三 with the applicant role only', () => {
    const applicant = demoSeed(SECRETS).users.find(({ user }) => user.username === 'applicant-demo')!.user;
    expect(applicant).toEqual({ id: '0190a5c0-0000-7000-8000-000000000001', kind: 'applicant', username: 'applicant-demo', displayName: '张三', enabled: true });
  });

  it('takes the confidential clients\u2019 secrets from its caller, never from a literal', () => {
    const { clients } = demoSeed(SECRETS);
    const secretOf = (id: string) => clients.find((c) => c.client.clientId === id)?.secret;
    expect(secretOf('onewindow-console')).toBeUndefined();
    expect(secretOf('onewindow-services')).toBe(SECRETS.servicesClientSecret);
    expect(secretOf('partner-demo')).toBe(SECRETS.partnerClientSecret);
    const other = demoSeed({ servicesClientSecret: 'another-services-secret', partnerClientSecret: 'another-partner-secret' });
    expect(other.clients.find((c) => c.client.clientId === 'onewindow-services')?.secret).toBe('another-services-secret');
  });

  it('refuses short or empty client secrets', () => {
    expect(() => demoSeed({ ...SECRETS, servicesClientSecret: '' })).toThrow(expect.objectContaining({ code: 'DEMO_SECRET_TOO_SHORT' }));
    expect(() => demoSeed({ ...SECRETS, partnerClientSecret: 'short' })).toThrow(/partnerClientSecret/);
  });

  it('is pure: the same input gives the same seed', () => {
    expect(demoSeed(SECRETS)).toEqual(demoSeed(SECRETS));
  });
});

describe('seedDemoAccounts', () => {
  it('stores hashes that authenticate, never the plain secrets', async () => {
    const deps = ports();
    await seedDemoAccounts(deps, 'development', demoSeed(SECRETS));
    const clerk = await authenticateUser(deps, { username: 'clerk-demo', password: DEMO_PASSWORD });
    expect(clerk.passwordHash).toMatch(/^scrypt\$/);
    expect(clerk.passwordHash).not.toContain(DEMO_PASSWORD);
    const services = await authenticateClient(deps, { clientId: 'onewindow-services', clientSecret: SECRETS.servicesClientSecret });
    expect(services.secretHash).not.toContain(SECRETS.servicesClientSecret);
  });

  it('refuses production before writing anything', async () => {
    const deps = ports();
    await expect(seedDemoAccounts(deps, 'production', demoSeed(SECRETS))).rejects.toMatchObject({ code: 'DEMO_FORBIDDEN' });
    expect(await deps.users.findByUsername('clerk-demo')).toBeNull();
    expect(await deps.clients.findByClientId('partner-demo')).toBeNull();
  });
});

describe('demo guards', () => {
  it('allows demo accounts under development only', () => {
    expect(() => assertDemoAllowed('development')).not.toThrow();
    expect(() => assertDemoAllowed('production')).toThrow(expect.objectContaining({ kind: 'precondition', code: 'DEMO_FORBIDDEN' }));
  });

  it('refuses to run production over a store that holds demo accounts', async () => {
    const deps = ports();
    await expect(assertNoDemoAccounts(deps, 'production')).resolves.toBeUndefined();
    await seedDemoAccounts(deps, 'development', demoSeed(SECRETS));
    await expect(assertNoDemoAccounts(deps, 'development')).resolves.toBeUndefined();
    await expect(assertNoDemoAccounts(deps, 'production')).rejects.toMatchObject({
      code: 'DEMO_ACCOUNTS_IN_PRODUCTION',
      message: expect.stringContaining('applicant-demo'),
    });
  });
});
