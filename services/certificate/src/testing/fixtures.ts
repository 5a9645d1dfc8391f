// Fixture builders shared by the certificate service's tests (excluded from the build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@onewindow/auth';
import type { CaseDecidedData, EventEnvelope } from '@onewindow/events';
import { ManualClock } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { afterEach } from 'vitest';
import { storeLicenceRepository } from '../adapters/store/licence-repository.js';
import { storeSealKeyRepository } from '../adapters/seal-key-repository.js';
import { storeSerialCounter } from '../adapters/store/serial-counter.js';
import { sm2SealCrypto } from '../adapters/sm2-seal-crypto.js';
import { IssueLicence } from '../app/issue-licence.js';
import { Seal } from '../app/seal.js';
import { DEMO_ISSUER } from '../domain/issuer.js';

export const HOLDER = 'u-applicant-zhang';

export function decidedFixture(overrides: Partial<CaseDecidedData> = {}): CaseDecidedData {
  return {
    caseId: '0198c2a0-0000-7000-8000-000000000001',
    caseNumber: 'SC510100-20260311-000001',
    itemCode: 'SCJG-XK-014',
    itemName: '食品经营许可',
    applicantId: HOLDER,
    applicantName: '张三',
    decision: 'APPROVED',
    opinion: '准予许可',
    legalBasis: ['《中华人民共和国食品安全法》第三十五条'],
    decidedAt: '2026-03-12T06:30:00.000Z',
    decidedBy: 'zhao.approver',
    resultLicenceType: 'FOOD_BUSINESS_LICENCE',
    ...overrides,
  };
}

export function principalFixture(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: HOLDER,
    username: 'zhangsan',
    displayName: '张三',
    roles: ['applicant'],
    clientId: 'onewindow-console',
    token: 'token-applicant-zhang',
    ...overrides,
  };
}

export const holder = principalFixture;
export const otherApplicant = () => principalFixture({ subject: 'u-applicant-li', username: 'lisi', token: 'token-applicant-li' });
export const supervisor = () =>
  principalFixture({ subject: 'u-supervisor', username: 'supervisor', roles: ['supervisor'], orgUnit: '510100', token: 'token-supervisor' });

const opened: { store: Store; dir: string }[] = [];

afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A real SQLite store in a temp dir, closed and removed after the test. */
export async function tempStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'certificate-'));
  const store = await openSqliteStore({ file: join(dir, 'certificate.db') });
  opened.push({ store, dir });
  return store;
}

export async function outboxEvents(store: Store): Promise<EventEnvelope[]> {
  return (await store.outbox.pending(100)).map((entry) => JSON.parse(entry.payload) as EventEnvelope);
}

/** The service as main.ts wires it, on a temp store and a hand-moved clock. */
export async function certificateFixture() {
  const store = await tempStore();
  const clock = new ManualClock('2026-03-12T07:00:00Z');
  const licences = storeLicenceRepository(store);
  const sealKeys = storeSealKeyRepository(store);
  const seal = new Seal(sealKeys, sm2SealCrypto, clock);
  const issueLicence = new IssueLicence({ licences, serials: storeSerialCounter(store), seal, issuer: DEMO_ISSUER, clock });
  return { store, clock, licences, sealKeys, seal, issueLicence };
}
