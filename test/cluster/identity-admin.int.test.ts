// The identity service's provisioning adapter against a real Keycloak (the
// realm of deploy/keycloak/onewindow-realm.json): the same contract the
// embedded issuer passes, with tokens from the real token endpoint mapped to
// Principals by the one verifier and decided by the one policy.
//
// Keycloak comes from the cluster suite's global setup (its admin password
// from the instance's registered secrets), or from the environment:
// ONEWINDOW_TEST_KEYCLOAK_URL (server base URL) with
// ONEWINDOW_TEST_KEYCLOAK_ADMIN_USERNAME / ONEWINDOW_TEST_KEYCLOAK_ADMIN_PASSWORD
// (an administrator of the master realm). Without either the file is skipped.
import { ACTIONS, createTokenVerifier, decide, type Principal } from '@onewindow/auth';
import { describe, expect, inject, it } from 'vitest';
import { registeredInstances } from '../../scripts/infra/servers.mjs';
import { keycloakIdentityProvider } from '../../services/identity/src/adapters/idp/keycloak.js';
import { identityProviderAdminContract } from '../../services/identity/src/adapters/idp/idp-admin.contract.js';
import { demoSeed } from '../../services/identity/src/app/demo/demo-seed.js';

const REALM = 'onewindow';

function keycloak(): { baseUrl: string; username: string; password: string } | undefined {
  const env = process.env;
  if (env['ONEWINDOW_TEST_KEYCLOAK_URL'] && env['ONEWINDOW_TEST_KEYCLOAK_ADMIN_PASSWORD']) {
    return {
      baseUrl: env['ONEWINDOW_TEST_KEYCLOAK_URL'],
      username: env['ONEWINDOW_TEST_KEYCLOAK_ADMIN_USERNAME'] ?? 'admin',
      password: env['ONEWINDOW_TEST_KEYCLOAK_ADMIN_PASSWORD'],
    };
  }
  const issuer = (inject('cluster' as never) as { issuer?: string } | undefined)?.issuer;
  if (!issuer) return undefined;
  const baseUrl = issuer.replace(/\/realms\/[^/]+\/?$/, '');
  const port = Number(new URL(baseUrl).port);
  const record = registeredInstances().find((r) => r.name === 'keycloak' && r.ports.port === port);
  const password = record?.secrets?.KC_BOOTSTRAP_ADMIN_PASSWORD;
  return password ? { baseUrl, username: 'admin', password } : undefined;
}

const server = keycloak();
const issuer = `${server?.baseUrl ?? 'http://127.0.0.1:1'}/realms/${REALM}`;
const verifier = createTokenVerifier({ issuer, audience: 'onewindow-api' });

async function token(form: Record<string, string>): Promise<string> {
  const answer = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  const body = (await answer.json()) as { access_token?: string; error_description?: string };
  if (!answer.ok || !body.access_token) throw new Error(`no token: ${answer.status} ${body.error_description ?? ''}`);
  return body.access_token;
}

const signIn = async (username: string, password: string): Promise<Principal> =>
  verifier.verify(await token({ grant_type: 'password', client_id: 'onewindow-console', username, password }));

describe.skipIf(!server)('Keycloak mode', () => {
  identityProviderAdminContract('Keycloak admin REST API', async () => ({
    admin: keycloakIdentityProvider({
      baseUrl: server?.baseUrl ?? '',
      realm: REALM,
      credentials: { kind: 'password', username: server?.username ?? '', password: server?.password ?? '' },
    }),
    signIn,
    clientCredentials: async (clientId, secret) => verifier.verify(await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })),
  }));

  it('decides on the realm’s demo people exactly as on the embedded issuer’s', async () => {
    const seed = demoSeed({ servicesClientSecret: 'x'.repeat(16), partnerClientSecret: 'y'.repeat(16) });
    for (const username of ['applicant-demo', 'clerk-demo', 'approver-demo', 'supervisor-demo', 'admin-demo']) {
      const user = seed.users.find((u) => u.user.username === username)?.user;
      if (!user) throw new Error(`no demo account ${username}`);
      const fromKeycloak = await signIn(username, 'onewindow-demo');
      const embedded: Principal = {
        ...fromKeycloak,
        roles: user.kind === 'staff' ? user.roles : ['applicant'],
        orgUnit: user.kind === 'staff' ? user.orgUnit : undefined,
        agency: user.kind === 'staff' ? user.agency : undefined,
        hall: user.kind === 'staff' ? user.hall : undefined,
      };
      const own = (p: Principal) => ({ applicantId: p.subject, hall: p.hall, orgUnit: p.orgUnit, agency: p.agency, role: 'approver', assignee: p.subject, principalId: p.subject });
      for (const action of ACTIONS) {
        expect(decide(fromKeycloak, action, own(fromKeycloak)), `${username} ${action}`).toEqual(decide(embedded, action, own(embedded)));
        expect(decide(fromKeycloak, action, { orgUnit: '440300', hall: 'hall-440300-02' }), `${username} ${action}`).toEqual(
          decide(embedded, action, { orgUnit: '440300', hall: 'hall-440300-02' }),
        );
      }
    }
  });
});
