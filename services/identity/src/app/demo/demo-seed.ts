import { invalid, precondition } from '@onewindow/kernel';
import { assertValidClient, assertValidUser, type Client, type User } from '../../domain/index.js';
import type { ClientRegistry, UserDirectory } from '../ports.js';
import { hashSecret } from '../secrets/secret-hash.js';

export type DeploymentEnv = 'development' | 'production';

/** Every demo person signs in with this password. Demo accounts never exist in production. */
export const DEMO_PASSWORD = 'onewindow-demo';

export interface DemoSecrets {
  /** Secret of the `onewindow-services` client, from configuration. */
  readonly servicesClientSecret: string;
  /** Secret of the `partner-demo` client, from configuration. */
  readonly partnerClientSecret: string;
}

export interface DemoSeed {
  readonly users: readonly { readonly user: User; readonly password: string }[];
  readonly clients: readonly { readonly client: Client; readonly secret?: string }[];
}

/** Client secrets from configuration must at least not be guessable by length. */
const MIN_SECRET_LENGTH = 16;

/** Accounts whose presence marks a demo installation; `onewindow-console` and `onewindow-services` are real clients. */
export const DEMO_USERNAMES = ['applicant-demo', 'clerk-demo', 'approver-demo', 'approver-b-demo', 'supervisor-demo', 'admin-demo'] as const;
export const DEMO_CLIENT_IDS = ['partner-demo'] as const;

/** Throws unless demo accounts are allowed: never under production. */
export function assertDemoAllowed(env: DeploymentEnv): void {
  if (env !== 'development') {
    throw precondition('DEMO_FORBIDDEN', `demo accounts are refused under ${env}`);
  }
}

/**
 * The demo installation: one person per role at the Chengdu (510100) hall
 * (two approvers, so one can stand in for the other), the console, the
 * internal services client and a partner platform.
 * Stable ids, so cases created in a demo survive re-seeding.
 */
export function demoSeed(secrets: DemoSecrets): DemoSeed {
  for (const [name, secret] of Object.entries(secrets)) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw invalid('DEMO_SECRET_TOO_SHORT', `${name} must be at least ${MIN_SECRET_LENGTH} characters`);
    }
  }
  const person = (user: User) => ({ user, password: DEMO_PASSWORD });
  const staff = { kind: 'staff', enabled: true } as const;
  const sichuanMarketRegulation = { orgUnit: '510100', agency: '市场监督管理局' } as const;

  return {
    users: [
      person({
        id: '0190a5c0-0000-7000-8000-000000000001',
        kind: 'applicant',
        username: 'applicant-demo',
        displayName: '张三',
        enabled: true,
      }),
      person({
        ...staff,
        ...sichuanMarketRegulation,
        id: '0190a5c0-0000-7000-8000-000000000002',
        username: 'clerk-demo',
        displayName: '李四',
        roles: ['clerk'],
        hall: 'hall-510100-01',
      }),
      person({
        ...staff,
        ...sichuanMarketRegulation,
        id: '0190a5c0-0000-7000-8000-000000000003',
        username: 'approver-demo',
        displayName: '王五',
        roles: ['approver'],
      }),
      person({
        ...staff,
        ...sichuanMarketRegulation,
        id: '0190a5c0-0000-7000-8000-000000000006',
        username: 'approver-b-demo',
        displayName: '陈七',
        roles: ['approver'],
      }),
      person({
        ...staff,
        id: '0190a5c0-0000-7000-8000-000000000004',
        username: 'supervisor-demo',
        displayName: '赵六',
        roles: ['supervisor'],
        orgUnit: '510100',
      }),
      person({
        ...staff,
        id: '0190a5c0-0000-7000-8000-000000000005',
        username: 'admin-demo',
        displayName: '平台管理员',
        roles: ['platform_admin'],
      }),
    ],
    clients: [
      {
        client: {
          id: '0190a5c0-0000-7000-8000-0000000000c1',
          clientId: 'onewindow-console',
          kind: 'public',
          grants: ['password', 'authorization_code', 'refresh_token'],
          // The console served by the gateway; exact URIs, as the code flow compares them.
          redirectUris: ['http://127.0.0.1:8080/', 'http://localhost:8080/'],
          serviceAccountRoles: [],
          enabled: true,
        },
      },
      {
        client: {
          id: '0190a5c0-0000-7000-8000-0000000000c2',
          clientId: 'onewindow-services',
          kind: 'confidential',
          grants: ['client_credentials'],
          serviceAccountRoles: ['service'],
          enabled: true,
        },
        secret: secrets.servicesClientSecret,
      },
      {
        client: {
          id: '0190a5c0-0000-7000-8000-0000000000c3',
          clientId: 'partner-demo',
          kind: 'confidential',
          grants: ['client_credentials'],
          serviceAccountRoles: ['partner'],
          enabled: true,
        },
        secret: secrets.partnerClientSecret,
      },
    ],
  };
}

export interface SeedDemoDeps {
  readonly users: UserDirectory;
  readonly clients: ClientRegistry;
}

/**
 * Writes the demo accounts (creating or replacing them, so a changed client
 * secret in configuration takes effect on the next start). Refuses under
 * production, and any invalid account, before writing anything.
 */
export async function seedDemoAccounts(deps: SeedDemoDeps, env: DeploymentEnv, seed: DemoSeed): Promise<void> {
  assertDemoAllowed(env);
  const users = await Promise.all(
    seed.users.map(async ({ user, password }) => ({ ...user, passwordHash: await hashSecret(password) })),
  );
  const clients = await Promise.all(
    seed.clients.map(async ({ client, secret }) =>
      secret === undefined ? client : { ...client, secretHash: await hashSecret(secret) },
    ),
  );
  users.forEach(assertValidUser);
  clients.forEach(assertValidClient);
  for (const user of users) await deps.users.save(user);
  for (const client of clients) await deps.clients.save(client);
}

/**
 * For a production start: throws if any demo account is present, so a
 * database seeded for a demo never serves real people.
 */
export async function assertNoDemoAccounts(deps: SeedDemoDeps, env: DeploymentEnv): Promise<void> {
  if (env !== 'production') return;
  const found: string[] = [];
  for (const username of DEMO_USERNAMES) if (await deps.users.findByUsername(username)) found.push(username);
  for (const clientId of DEMO_CLIENT_IDS) if (await deps.clients.findByClientId(clientId)) found.push(clientId);
  if (found.length > 0) {
    throw precondition('DEMO_ACCOUNTS_IN_PRODUCTION', `demo accounts present under production: ${found.join(', ')}`);
  }
}
