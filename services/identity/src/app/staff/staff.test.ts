import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo-seed.js';
import { grantToken } from '../grant-token/grant-token.js';
import { PersistentSigningKeys } from '../signing-keys/signing-keys.js';
import { InMemorySigningKeyRepository } from '../../testing/in-memory.js';
import { demo, principal, rejection, testIdentity } from '../../testing/identity.js';

const PASSWORD = 'a-long-initial-password';
const hallAdmin = principal('u-hall-admin', 'hall-admin-wuhou', ['hall_admin'], { orgUnit: '510107', hall: 'hall-510107-01' });
const clerkInput = {
  username: 'clerk-wuhou',
  displayName: '吴九',
  roles: ['clerk'],
  orgUnit: '510107',
  agency: '',
  hall: 'hall-510107-01',
  windows: ['hall-510107-01-w01'],
  initialPassword: PASSWORD,
};

/** The claims the embedded issuer puts in the member's next token. */
async function claimsOf(t: Awaited<ReturnType<typeof testIdentity>>, username: string, password = PASSWORD) {
  const tokens = await grantToken(
    {
      users: t.users,
      clients: t.clients,
      keys: new PersistentSigningKeys({ repository: new InMemorySigningKeyRepository(), clock: t.clock }),
      clock: t.clock,
      issuer: 'http://127.0.0.1:8080/realms/onewindow',
      audience: 'onewindow-api',
      accessTokenTtlSec: 300,
    },
    { grantType: 'password', clientId: 'onewindow-console', username, password },
  );
  return decodeJwt(tokens.accessToken);
}

describe('creating staff', () => {
  it('adds the member and provisions an account whose tokens carry the placement', async () => {
    const t = await testIdentity();
    const created = await t.useCases.createStaff.execute(hallAdmin, clerkInput);
    expect(created).toMatchObject({ username: 'clerk-wuhou', roles: ['clerk'], orgUnit: '510107', hall: 'hall-510107-01', windows: ['hall-510107-01-w01'], enabled: true });
    expect(await claimsOf(t, 'clerk-wuhou')).toMatchObject({ sub: created.id, realm_access: { roles: ['clerk'] }, org_unit: '510107', hall: 'hall-510107-01' });
    expect(t.recorded.at(-1)).toMatchObject({ action: 'identity.staff.create', resource: `staff:${created.id}`, actor: { subject: 'u-hall-admin' } });
  });

  it('lets a hall administrator grant the clerk role at their hall only', async () => {
    const { useCases } = await testIdentity();
    expect(await rejection(useCases.createStaff.execute(hallAdmin, { ...clerkInput, roles: ['clerk', 'hall_admin'] }))).toMatchObject({
      kind: 'forbidden',
      message: 'hall_admin: may grant the clerk role only',
    });
    expect(await rejection(useCases.createStaff.execute(hallAdmin, { ...clerkInput, orgUnit: '510100', hall: 'hall-510100-01', windows: [] }))).toMatchObject({
      message: 'hall_admin: not their hall',
    });
    expect(await rejection(useCases.createStaff.execute(demo.supervisor, clerkInput))).toMatchObject({ kind: 'forbidden' });
  });

  it('refuses an invalid placement, a short password and a taken username before provisioning anything', async () => {
    const t = await testIdentity();
    expect(await rejection(t.useCases.createStaff.execute(demo.admin, { ...clerkInput, windows: ['hall-510100-01-w01'] }))).toMatchObject({
      code: 'STAFF_INVALID',
      details: [{ field: 'windows', message: 'window hall-510100-01-w01 is not in hall hall-510107-01' }],
    });
    expect(await rejection(t.useCases.createStaff.execute(demo.admin, { ...clerkInput, initialPassword: 'short' }))).toMatchObject({ code: 'STAFF_INVALID' });
    expect(await rejection(t.useCases.createStaff.execute(demo.admin, { ...clerkInput, username: 'clerk-demo' }))).toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(await t.users.findByUsername('clerk-wuhou')).toBeNull();
  });
});

describe('changing staff', () => {
  it('moves roles and placement; the identity provider follows', async () => {
    const t = await testIdentity();
    const { id } = await t.useCases.createStaff.execute(demo.admin, clerkInput);
    const updated = await t.useCases.updateStaff.execute(demo.admin, {
      staffId: id,
      roles: ['approver'],
      agency: '市场监督管理局',
      hall: '',
      windows: [],
    });
    expect(updated).toMatchObject({ roles: ['approver'], agency: '市场监督管理局', windows: [] });
    expect(updated.hall).toBeUndefined();
    const claims = await claimsOf(t, 'clerk-wuhou');
    expect(claims).toMatchObject({ realm_access: { roles: ['approver'] }, agency: '市场监督管理局', org_unit: '510107' });
    expect(claims['hall']).toBeUndefined();
  });

  it('refuses a hall administrator who would touch an approver; an administrator disables one, who can no longer sign in', async () => {
    const t = await testIdentity({ accounts: true });
    const approver = await t.useCases.getStaff.execute(demo.admin, demo.approver.subject);
    expect(await rejection(t.useCases.updateStaff.execute(hallAdmin, { staffId: approver.id, enabled: false }))).toMatchObject({ kind: 'forbidden' });
    expect(await claimsOf(t, 'approver-demo', DEMO_PASSWORD)).toMatchObject({ sub: approver.id });
    const disabled = await t.useCases.updateStaff.execute(demo.admin, { staffId: approver.id, enabled: false });
    expect(disabled.enabled).toBe(false);
    expect(await rejection(claimsOf(t, 'approver-demo', DEMO_PASSWORD))).toMatchObject({ kind: 'unauthenticated' });
  });
});

describe('reading staff', () => {
  it('shows each overseer their share: hall, agency, jurisdiction, everyone', async () => {
    const t = await testIdentity();
    await t.useCases.createStaff.execute(demo.admin, clerkInput);
    const names = async (p: typeof demo.admin, filter = {}) => (await t.useCases.listStaff.execute(p, filter)).map((m) => m.username).sort();
    expect(await names(hallAdmin)).toEqual(['clerk-wuhou']);
    const head = principal('u-head', 'head', ['agency_head'], { orgUnit: '510100', agency: '市场监督管理局' });
    expect(await names(head)).toEqual(['approver-b-demo', 'approver-demo', 'clerk-demo']);
    expect(await names(demo.supervisor, { orgUnit: '510107' })).toEqual(['clerk-wuhou']);
    expect(await names(demo.supervisor)).toEqual(['approver-b-demo', 'approver-demo', 'clerk-demo', 'clerk-wuhou', 'supervisor-demo']);
    const wuhouSupervisor = principal('u-sup-wh', 'sup-wh', ['supervisor'], { orgUnit: '510107' });
    expect(await names(wuhouSupervisor)).toEqual(['clerk-wuhou']);
    expect(await names(demo.admin)).toEqual(['admin-demo', 'approver-b-demo', 'approver-demo', 'clerk-demo', 'clerk-wuhou', 'supervisor-demo']);
    const elsewhere = principal('u-sup-jj', 'sup-jj', ['supervisor'], { orgUnit: '510104' });
    expect(await rejection(t.useCases.listStaff.execute(elsewhere, { orgUnit: '510107' }))).toMatchObject({ message: 'supervisor: outside their jurisdiction' });
    expect(await rejection(t.useCases.getStaff.execute(demo.clerk, demo.approver.subject))).toMatchObject({ kind: 'forbidden' });
  });

  it('lists the roles with what each may do, read from the policy', async () => {
    const { useCases } = await testIdentity();
    const roles = useCases.listRoles.execute(demo.clerk);
    expect(roles.map((r) => r.name)).toContain('partner');
    expect(roles.find((r) => r.name === 'hall_admin')).toMatchObject({ kind: 'staff', title: { zh: '大厅管理员' }, permissions: expect.arrayContaining(['window.manage', 'staff.manage']) });
    expect(roles.find((r) => r.name === 'supervisor')?.permissions).not.toContain('case.accept');
  });
});
