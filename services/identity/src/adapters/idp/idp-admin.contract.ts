// The provisioning port's contract, run against every adapter: the embedded
// issuer (src/adapters/idp/embedded.test.ts) and a real Keycloak
// (test/cluster/identity-admin.int.test.ts). Tokens are obtained from the
// provider's own token endpoint and verified by the platform's one verifier.
import { randomBytes } from 'node:crypto';
import { ACTIONS, decide, type Principal, type ResourceScope } from '@onewindow/auth';
import { describe, expect, it } from 'vitest';
import type { IdentityProviderAdmin, StaffAccount } from '../../app/ports.js';

export interface ProviderUnderTest {
  readonly admin: IdentityProviderAdmin;
  /** Password grant at the provider's token endpoint, the token verified by @onewindow/auth. */
  signIn(username: string, password: string): Promise<Principal>;
  /** Client-credentials grant, verified the same way. */
  clientCredentials(clientId: string, secret: string): Promise<Principal>;
}

const PASSWORD = `pw-${randomBytes(9).toString('base64url')}`;

/** Where a principal's own resources are, and where somebody else's are (as the policy matrix has them). */
const ownScope = (p: Principal): ResourceScope => ({
  applicantId: p.subject,
  hall: p.hall,
  orgUnit: p.orgUnit,
  agency: p.agency,
  role: 'approver',
  assignee: p.subject,
  principalId: p.subject,
  substituteId: p.subject,
  routedToPartner: p.clientId,
  grantsRole: 'clerk',
});
const OTHER: ResourceScope = { applicantId: 'u-x', hall: 'hall-440300-02', orgUnit: '440300', agency: '交通运输局', role: 'approver', assignee: 'u-x', principalId: 'u-x', routedToPartner: 'p-x', grantsRole: 'platform_admin' };

/** Every decision of the policy for a principal: action × own / other / none. */
const decisions = (p: Principal) =>
  ACTIONS.flatMap((action) => [ownScope(p), OTHER, undefined].map((scope, i) => `${action}/${['own', 'other', 'none'][i]}: ${decide(p, action, scope).allowed}`));

/** The principal the policy matrix test would build by hand for this account. */
function expectedPrincipal(account: StaffAccount, actual: Principal): Principal {
  return {
    subject: actual.subject,
    username: account.username,
    displayName: account.displayName,
    roles: account.roles,
    clientId: actual.clientId,
    token: actual.token,
    ...(account.orgUnit ? { orgUnit: account.orgUnit } : {}),
    ...(account.agency ? { agency: account.agency } : {}),
    ...(account.hall ? { hall: account.hall } : {}),
  };
}

export function identityProviderAdminContract(name: string, setup: () => Promise<ProviderUnderTest>): void {
  describe(`IdentityProviderAdmin: ${name}`, () => {
    const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
    const clerk = (): StaffAccount => ({
      username: unique('clerk'),
      displayName: '吴九',
      enabled: true,
      roles: ['clerk'],
      orgUnit: '510107',
      agency: '市场监督管理局',
      hall: 'hall-510107-01',
    });

    it('creates a staff user whose tokens carry the org attributes and realm roles', async () => {
      const provider = await setup();
      const account = clerk();
      const { id } = await provider.admin.createStaffUser(account, PASSWORD);
      const principal = await provider.signIn(account.username, PASSWORD);
      expect(principal).toEqual(expectedPrincipal(account, principal));
      expect(principal.subject).toBe(id);
      expect(await provider.admin.findUserId(account.username)).toBe(id);
      expect(await provider.admin.findUserId(unique('nobody'))).toBeNull();
    });

    it('maps every role’s tokens to Principals the one policy decides on exactly as on the matrix’s own', async () => {
      const provider = await setup();
      const accounts: StaffAccount[] = [
        clerk(),
        { username: unique('approver'), displayName: '王五', enabled: true, roles: ['approver'], orgUnit: '510100', agency: '市场监督管理局' },
        { username: unique('head'), displayName: '部门负责人', enabled: true, roles: ['agency_head'], orgUnit: '510100', agency: '市场监督管理局' },
        { username: unique('supervisor'), displayName: '赵六', enabled: true, roles: ['supervisor'], orgUnit: '510100' },
        { username: unique('hall-admin'), displayName: '周八', enabled: true, roles: ['hall_admin'], orgUnit: '510107', hall: 'hall-510107-01' },
        { username: unique('admin'), displayName: '平台管理员', enabled: true, roles: ['platform_admin'] },
      ];
      for (const account of accounts) {
        await provider.admin.createStaffUser(account, PASSWORD);
        const principal = await provider.signIn(account.username, PASSWORD);
        expect(decisions(principal), account.roles.join()).toEqual(decisions(expectedPrincipal(account, principal)));
      }
      const applicant = unique('applicant');
      await provider.admin.createApplicantUser({ username: applicant, displayName: '张三' }, PASSWORD);
      const asApplicant = await provider.signIn(applicant, PASSWORD);
      expect(asApplicant.roles).toEqual(['applicant']);
      expect(decide(asApplicant, 'case.read', { applicantId: asApplicant.subject }).allowed).toBe(true);
      expect(decide(asApplicant, 'case.read', { applicantId: 'u-x' }).allowed).toBe(false);
    });

    it('replaces roles and attributes on update; the next token carries them', async () => {
      const provider = await setup();
      const account = clerk();
      const { id } = await provider.admin.createStaffUser(account, PASSWORD);
      const moved: StaffAccount = { ...account, roles: ['approver', 'section_chief'], hall: undefined, orgUnit: '510100', displayName: '吴九（审批）' };
      await provider.admin.updateStaffUser(id, moved);
      const principal = await provider.signIn(account.username, PASSWORD);
      expect({ ...principal, roles: [...principal.roles].sort() }).toEqual(expectedPrincipal({ ...moved, roles: ['approver', 'section_chief'] }, principal));
      expect(principal.hall).toBeUndefined();
    });

    it('stops signing in a disabled staff member', async () => {
      const provider = await setup();
      const account = clerk();
      const { id } = await provider.admin.createStaffUser(account, PASSWORD);
      await provider.admin.updateStaffUser(id, { ...account, enabled: false });
      await expect(provider.signIn(account.username, PASSWORD)).rejects.toThrow();
    });

    it('refuses a taken username with USERNAME_TAKEN', async () => {
      const provider = await setup();
      const account = clerk();
      await provider.admin.createStaffUser(account, PASSWORD);
      await expect(provider.admin.createStaffUser(account, PASSWORD)).rejects.toMatchObject({ kind: 'conflict', code: 'USERNAME_TAKEN' });
      await expect(provider.admin.createApplicantUser({ username: account.username, displayName: 'x' }, PASSWORD)).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
    });

    it('creates a partner client whose client-credentials tokens carry role partner and nothing else', async () => {
      const provider = await setup();
      const clientId = unique('partner');
      const created = await provider.admin.createPartnerClient({ clientId, name: '重庆市一网通办' });
      expect(created.secret.length).toBeGreaterThanOrEqual(16);
      const principal = await provider.clientCredentials(clientId, created.secret);
      expect(principal).toMatchObject({ subject: created.subject, clientId, roles: ['partner'] });
      expect(decide(principal, 'case.read', { routedToPartner: clientId }).allowed).toBe(true);
      expect(decide(principal, 'case.read', { routedToPartner: 'partner-elsewhere' }).allowed).toBe(false);
      await expect(provider.clientCredentials(clientId, 'not-the-secret')).rejects.toThrow();
      await expect(provider.admin.createPartnerClient({ clientId, name: 'again' })).rejects.toMatchObject({ code: 'CLIENT_ID_TAKEN' });
    });
  });
}
