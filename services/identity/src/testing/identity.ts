// Test support: the service composed on a throwaway SQLite store, with a hand-moved clock,
// a fresh data key, the embedded identity provider and the demo directory.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord, Principal } from '@onewindow/auth';
import type { EventEnvelope } from '@onewindow/events';
import { createIdentifierVault } from '@onewindow/identifiers';
import { ManualClock } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { onTestFinished } from 'vitest';
import { contactCodeKey, cryptoRandom } from '../adapters/contact-code.js';
import { embeddedIdentityProvider } from '../adapters/idp/embedded.js';
import { storeClientRegistry, storeUserDirectory } from '../adapters/store/repositories.js';
import { composeIdentity } from '../compose.js';
import type { RandomSource } from '../domain/index.js';
import { demoDirectory, seedDemoDirectory } from '../app/demo/demo-directory.js';
import { demoSeed, seedDemoAccounts } from '../app/demo/demo-seed.js';

/** 10:00 in Chengdu on Monday 2 March 2026. */
export const NOW = '2026-03-02T02:00:00.000Z';

export function testStore(): { store: Store; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'identity-'));
  const file = join(dir, 'identity.db');
  const store = openSqliteStore({ file });
  onTestFinished(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, file };
}

/** The demo people as their tokens describe them (same ids as the demo seed). */
export const demo = {
  applicant: principal('0190a5c0-0000-7000-8000-000000000001', 'applicant-demo', ['applicant']),
  clerk: principal('0190a5c0-0000-7000-8000-000000000002', 'clerk-demo', ['clerk'], { orgUnit: '510100', agency: '市场监督管理局', hall: 'hall-510100-01' }),
  approver: principal('0190a5c0-0000-7000-8000-000000000003', 'approver-demo', ['approver'], { orgUnit: '510100', agency: '市场监督管理局' }),
  approverB: principal('0190a5c0-0000-7000-8000-000000000006', 'approver-b-demo', ['approver'], { orgUnit: '510100', agency: '市场监督管理局' }),
  supervisor: principal('0190a5c0-0000-7000-8000-000000000004', 'supervisor-demo', ['supervisor'], { orgUnit: '510100' }),
  admin: principal('0190a5c0-0000-7000-8000-000000000005', 'admin-demo', ['platform_admin']),
};

export function principal(subject: string, username: string, roles: Principal['roles'], where: Partial<Principal> = {}): Principal {
  return { subject, username, roles, clientId: 'onewindow-console', token: `token-${username}`, ...where };
}

/**
 * The service on a fresh store with the demo directory. Sign-in accounts
 * of the demo people are scrypt-hashed, so they are only seeded when a test
 * signs them in (`accounts: true`); the console client always is.
 */
export async function testIdentity(options: { seed?: boolean; accounts?: boolean; random?: RandomSource } = {}) {
  const { store, file } = testStore();
  const clock = new ManualClock(NOW);
  const users = storeUserDirectory(store);
  const clients = storeClientRegistry(store);
  const idp = embeddedIdentityProvider({ users, clients, clock });
  const recorded: AuditRecord[] = [];
  const codeKey = contactCodeKey(randomBytes(32));
  const identity = composeIdentity({
    store,
    clock,
    vault: createIdentifierVault(randomBytes(32)),
    idp,
    audit: { record: async (r) => void recorded.push(r) },
    random: options.random ?? cryptoRandom,
    codeKey,
  });
  const seed = demoSeed({ servicesClientSecret: 'services-secret-for-tests', partnerClientSecret: 'partner-secret-for-tests' });
  if (options.accounts) await seedDemoAccounts({ users, clients }, 'development', seed);
  else for (const { client } of seed.clients.filter((c) => c.secret === undefined)) await clients.save(client);
  if (options.seed !== false) await seedDemoDirectory(identity.repositories, 'development', demoDirectory());
  return { ...identity, store, file, clock, users, clients, idp, recorded, codeKey };
}

/** The envelopes waiting in the outbox, oldest first: what the service has announced. */
export async function announced(store: Store): Promise<EventEnvelope<Record<string, unknown>>[]> {
  return (await store.outbox.pending(1000)).map((e) => JSON.parse(e.payload) as EventEnvelope<Record<string, unknown>>);
}

/** The DomainError a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<{ kind: string; code: string; message: string; details: { field?: string; message: string }[] }> {
  try {
    await promise;
  } catch (err) {
    return err as { kind: string; code: string; message: string; details: { field?: string; message: string }[] };
  }
  throw new Error('expected a rejection');
}
