// Test support: fixture builders and a throwaway store. Not part of the build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@onewindow/auth';
import type { EventEnvelope } from '@onewindow/events';
import { DomainError } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { onTestFinished } from 'vitest';
import type { Case } from '../domain/case.js';
import type { ServiceItem } from '../domain/service-item.js';

export const HALL = 'hall-510100-01';
export const OTHER_HALL = 'hall-510104-01';

const principal =
  (base: Principal) =>
  (overrides: Partial<Principal> = {}): Principal => ({ ...base, ...overrides });

export const applicantFixture = principal({
  subject: 'u-applicant-zhang',
  username: 'applicant-demo',
  displayName: '张三',
  roles: ['applicant'],
  clientId: 'onewindow-web',
  token: 'token-applicant',
});

export const clerkFixture = principal({
  subject: 'u-clerk-li',
  username: 'clerk-demo',
  roles: ['clerk'],
  hall: HALL,
  orgUnit: '510100',
  agency: '市场监督管理局',
  clientId: 'onewindow-console',
  token: 'token-clerk',
});

export const approverFixture = principal({
  subject: 'u-approver-wang',
  username: 'approver-demo',
  roles: ['approver'],
  orgUnit: '510100',
  agency: '市场监督管理局',
  clientId: 'onewindow-console',
  token: 'token-approver',
});

export const supervisorFixture = principal({
  subject: 'u-supervisor-zhao',
  username: 'supervisor-demo',
  roles: ['supervisor'],
  orgUnit: '510100',
  clientId: 'onewindow-console',
  token: 'token-supervisor',
});

/** A licensing item with five required materials and no fee, at version 1. */
export function itemFixture(overrides: Partial<ServiceItem> = {}): ServiceItem {
  return {
    code: 'SCJG-DJ-001',
    implementationCode: 'SCJG-DJ-001-510100-00',
    version: 1,
    name: '企业设立登记',
    nameEn: 'Company establishment registration',
    itemType: 'LICENSING',
    exerciseLevel: 'CITY',
    implementingAgency: '市场监督管理局',
    legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'],
    acceptanceConditions: ['申请人为拟设立公司的股东或其委托的代理人'],
    procedure: ['申请', '受理', '当场办结', '出件'],
    caseKind: 'IMMEDIATE',
    statutoryLimitDays: 3,
    promisedLimitDays: 0.5,
    maxVisits: 0,
    fee: null,
    resultLicenceType: 'BUSINESS_LICENCE',
    requiredMaterials: ['M01', 'M02', 'M03'].map((code) => ({
      code,
      name: `材料${code}`,
      required: true,
      form: 'PAPER_OR_ELECTRONIC' as const,
      originalRequired: false,
      copies: 1,
      // M02 may come from the holder's licence library (免证办); M03 may be replaced by a commitment (告知承诺制).
      replaceableByLicenceType: code === 'M02' ? 'BUSINESS_LICENCE' : null,
      commitmentAllowed: code === 'M03',
      note: null,
    })),
    specialProcedures: [],
    jointReview: null,
    crossProvince: [],
    ...overrides,
  };
}

/** The real-estate transfer item: a per-case fee by property use. */
export function feeItemFixture(overrides: Partial<ServiceItem> = {}): ServiceItem {
  return itemFixture({
    code: 'ZRZY-QR-021',
    implementationCode: 'ZRZY-QR-021-510100-00',
    name: '国有建设用地使用权及房屋所有权转移登记',
    nameEn: 'Real estate transfer registration',
    itemType: 'CONFIRMATION',
    implementingAgency: '自然资源和规划局（不动产登记中心）',
    caseKind: 'PROMISED',
    statutoryLimitDays: 30,
    promisedLimitDays: 5,
    resultLicenceType: 'REAL_ESTATE_CERTIFICATE',
    fee: {
      feeBasis: '发改价格规〔2016〕2559号',
      collectingAgency: '不动产登记中心',
      rules: [
        { when: 'residential', amountFen: 8000, per: 'case' },
        { when: 'non-residential', amountFen: 55000, per: 'case' },
        { when: 'extraCertificate', amountFen: 1000, per: 'certificate' },
      ],
    },
    ...overrides,
  });
}

export function caseFixture(overrides: Partial<Case> = {}): Case {
  return {
    id: '0190d6c4-0000-7000-8000-000000000001',
    caseNumber: 'OW-20260105-000001',
    itemCode: 'SCJG-DJ-001',
    itemVersion: 1,
    itemName: '企业设立登记',
    status: 'SUBMITTED',
    applicantId: 'u-applicant-zhang',
    applicantName: '张三',
    applicantKind: 'NATURAL_PERSON',
    applicantIdNumberMasked: null,
    applicantIdNumberSealed: null,
    filedBy: { subject: 'u-applicant-zhang', username: 'applicant-demo', role: 'APPLICANT' },
    channel: 'ONLINE',
    hall: HALL,
    orgUnit: '510100',
    agency: '市场监督管理局',
    bundleApplicationId: null,
    materials: [{ code: 'M01', fileId: 'file-1', licenceId: null }],
    commitments: [],
    missingMaterials: ['M02', 'M03'],
    form: {},
    idempotencyKey: null,
    createdAt: '2026-01-05T02:00:00.000Z',
    preReview: null,
    submittedAt: '2026-01-05T02:00:00.000Z',
    noticeDueDate: '2026-01-12',
    notifiedAt: null,
    supplementRequest: null,
    rejection: null,
    acceptanceKind: null,
    acceptedAt: null,
    acceptedBy: null,
    acceptanceOpinion: null,
    paperMaterials: [],
    pending: null,
    windowDecision: null,
    terminatedAt: null,
    decision: null,
    decidedAt: null,
    licenceId: null,
    closedAt: null,
    outcome: null,
    documents: [],
    ...overrides,
  };
}

/** An accepted case, as the clerk fixture left it. */
export const acceptedCaseFixture = (overrides: Partial<Case> = {}) =>
  caseFixture({
    status: 'ACCEPTED',
    acceptanceKind: 'STANDARD',
    acceptedAt: '2026-01-05T03:00:00.000Z',
    acceptedBy: 'u-clerk-li',
    notifiedAt: '2026-01-05T03:00:00.000Z',
    ...overrides,
  });

/** A draft, as an applicant saves it before submitting. */
export const draftCaseFixture = (overrides: Partial<Case> = {}) =>
  caseFixture({ status: 'DRAFT', submittedAt: null, noticeDueDate: null, ...overrides });

export const adminFixture = principal({
  subject: 'u-admin',
  username: 'admin-demo',
  roles: ['platform_admin'],
  clientId: 'onewindow-console',
  token: 'token-admin',
});

/** A SQLite store in a temp dir, closed and removed when the calling test finishes. */
export function testStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'intake-'));
  const store = openSqliteStore({ file: join(dir, 'intake.db') });
  onTestFinished(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

/** The envelopes waiting in the outbox, oldest first: what the service has announced. */
export async function announced(store: Store): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const pending = await store.outbox.pending(1000);
  return pending.map((entry) => JSON.parse(entry.payload) as EventEnvelope<Record<string, unknown>>);
}

/** The DomainError a call throws; fails the test when it throws nothing or something else. */
export function errorOf(attempt: () => unknown): DomainError {
  try {
    attempt();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

/** The DomainError a promise rejects with. */
export async function rejectionOf(attempt: Promise<unknown>): Promise<DomainError> {
  const err: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof DomainError) return err;
  throw new Error(`expected a DomainError, got ${String(err)}`);
}
