import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@onewindow/auth';
import { EVENT_TYPES, newEvent, type CaseAcceptedData } from '@onewindow/events';
import { unauthenticated } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import type { FeeNotice } from '../domain/bill.js';

export const APPLICANT_ID = 'u-applicant-zhang';
export const CASE_ID = '0195f000-0000-7000-8000-000000000001';

/** A real SQLite store in a fresh temp folder; `close` removes it. */
export function tempStore(): { store: Store; close: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'fees-'));
  const store = openSqliteStore({ file: join(dir, 'fees.db') });
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function caseAcceptedData(overrides: Partial<CaseAcceptedData> = {}): CaseAcceptedData {
  return {
    caseId: CASE_ID,
    caseNumber: 'SC510100-2026-000001',
    itemCode: 'ZRZY-QR-021',
    itemVersion: 1,
    itemName: '国有建设用地使用权及房屋所有权转移登记',
    applicantId: APPLICANT_ID,
    applicantName: '张三',
    hall: 'hall-510100-01',
    orgUnit: '510100',
    agency: '自然资源和规划局（不动产登记中心）',
    acceptedAt: '2026-03-02T01:30:00.000Z',
    acceptedBy: 'u-clerk-li',
    statutoryLimitDays: 30,
    promisedLimitDays: 5,
    fee: { amountFen: 8000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' },
    resultLicenceType: 'REAL_ESTATE_CERTIFICATE',
    caseKind: 'PROMISED',
    ...overrides,
  };
}

export function caseAcceptedEvent(overrides: Partial<CaseAcceptedData> = {}) {
  const data = caseAcceptedData(overrides);
  return newEvent({
    type: EVENT_TYPES.CASE_ACCEPTED,
    source: 'onewindow/intake',
    subject: data.caseId,
    time: new Date(data.acceptedAt),
    data,
  });
}

export function feeNotice(overrides: Partial<CaseAcceptedData> = {}, causationId = 'evt-accepted-1'): FeeNotice {
  const d = caseAcceptedData(overrides);
  return {
    caseId: d.caseId,
    caseNumber: d.caseNumber,
    itemCode: d.itemCode,
    itemName: d.itemName,
    applicantId: d.applicantId,
    applicantName: d.applicantName,
    hall: d.hall,
    orgUnit: d.orgUnit,
    agency: d.agency,
    fee: d.fee,
    causationId,
  };
}

const PRINCIPALS: Record<string, Principal> = {
  applicant: { subject: APPLICANT_ID, username: 'applicant-demo', displayName: '张三', roles: ['applicant'], clientId: 'onewindow-console', token: 'applicant' },
  otherApplicant: { subject: 'u-applicant-li', username: 'li.si', roles: ['applicant'], clientId: 'onewindow-console', token: 'otherApplicant' },
  clerk: {
    subject: 'u-clerk-li',
    username: 'clerk-demo',
    roles: ['clerk'],
    hall: 'hall-510100-01',
    orgUnit: '510100',
    agency: '市场监督管理局',
    clientId: 'onewindow-console',
    token: 'clerk',
  },
  supervisor: { subject: 'u-supervisor', username: 'supervisor-demo', roles: ['supervisor'], orgUnit: '510100', clientId: 'onewindow-console', token: 'supervisor' },
};

export type Who = 'applicant' | 'otherApplicant' | 'clerk' | 'supervisor';

export function principal(who: Who): Principal {
  return PRINCIPALS[who]!;
}

/** The token of each fixture principal is its name. */
export const fakeVerifier = {
  async verify(token: string): Promise<Principal> {
    const found = PRINCIPALS[token];
    if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
    return found;
  },
};
