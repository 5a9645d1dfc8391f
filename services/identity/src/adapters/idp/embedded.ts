import { randomBytes } from 'node:crypto';
import { conflict, newId, notFound, type Clock } from '@onewindow/kernel';
import { hashSecret, type ClientRegistry, type IdentityProviderAdmin, type UserDirectory } from '../../app/index.js';
import { assertValidClient, assertValidUser, type ClientApplication, type UserAccount } from '../../domain/index.js';

export interface EmbeddedIdentityProviderDeps {
  readonly users: UserDirectory;
  readonly clients: ClientRegistry;
  readonly clock: Clock;
}

/**
 * Provisioning for the embedded issuer: its own accounts and clients, in
 * this service's store. Tokens it then issues carry the same claims a
 * Keycloak realm would (realm roles, org_unit, agency, hall).
 */
export function embeddedIdentityProvider({ users, clients, clock }: EmbeddedIdentityProviderDeps): IdentityProviderAdmin {
  const ensureFree = async (username: string) => {
    if (await users.findByUsername(username)) throw conflict('USERNAME_TAKEN', `the username ${username} is taken`);
  };
  const save = async (account: UserAccount) => {
    assertValidUser(account);
    await users.save(account);
  };
  return {
    async createStaffUser(account, initialPassword) {
      await ensureFree(account.username);
      const id = newId(clock.now().getTime());
      await save({ id, kind: 'staff', ...account, passwordHash: await hashSecret(initialPassword) });
      return { id };
    },
    async updateStaffUser(id, account) {
      const current = await users.findByUsername(account.username);
      if (!current || current.id !== id) throw notFound('ACCOUNT_NOT_FOUND', `no account ${account.username} with id ${id}`);
      await save({ id, kind: 'staff', ...account, passwordHash: current.passwordHash });
    },
    async createApplicantUser(account, password) {
      await ensureFree(account.username);
      const id = newId(clock.now().getTime());
      await save({ id, kind: 'applicant', enabled: true, ...account, passwordHash: await hashSecret(password) });
      return { id };
    },
    async createPartnerClient({ clientId }) {
      if (await clients.findByClientId(clientId)) throw conflict('CLIENT_ID_TAKEN', `the client id ${clientId} is taken`);
      const secret = randomBytes(32).toString('base64url');
      const client: ClientApplication = {
        id: newId(clock.now().getTime()),
        clientId,
        kind: 'confidential',
        grants: ['client_credentials'],
        serviceAccountRoles: ['partner'],
        enabled: true,
        secretHash: await hashSecret(secret),
      };
      assertValidClient(client);
      await clients.save(client);
      return { clientId, secret, subject: client.id };
    },
    async findUserId(username) {
      return (await users.findByUsername(username))?.id ?? null;
    },
  };
}
