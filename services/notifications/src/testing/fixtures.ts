import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@onewindow/auth';
import { EVENT_TYPES, newEvent, type EventDataMap, type TypedEvent } from '@onewindow/events';
import type { CLOCK_NOTICE_TYPES, STAFF_NOTICE_TYPES } from '../domain/templates.js';
import { unauthenticated } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';

export const APPLICANT_ID = 'u-applicant-zhang';
export const CASE_ID = '0195f000-0000-7000-8000-000000000001';
const CASE_NUMBER = 'SC510100-2026-000001';
const ITEM = { itemCode: 'ZRZY-QR-021', itemName: '不动产转移登记' };

export function tempStore(): { store: Store; close: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'notifications-'));
  const store = openSqliteStore({ file: join(dir, 'notifications.db') });
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The event types with a fixture: every type this service tells someone about, and the staff-only task.created. */
type FixtureType =
  | typeof EVENT_TYPES.CASE_SUBMITTED
  | typeof EVENT_TYPES.CASE_ACCEPTED
  | typeof EVENT_TYPES.CASE_DECIDED
  | typeof EVENT_TYPES.TASK_CREATED
  | typeof EVENT_TYPES.LICENCE_ISSUED
  | typeof EVENT_TYPES.BILL_ISSUED
  | typeof EVENT_TYPES.CASE_CLOSED
  | ApprovalNoticeType;
type ApprovalNoticeType = (typeof CLOCK_NOTICE_TYPES)[number] | (typeof STAFF_NOTICE_TYPES)[number];

const approvalActor = { subject: 'u-approver', username: 'zhao.approver', onBehalfOf: null };
const approvalCase = { caseId: CASE_ID, caseNumber: CASE_NUMBER, itemName: ITEM.itemName, applicantId: APPLICANT_ID };

const DATA: { [T in FixtureType]: EventDataMap[T] } = {
  [EVENT_TYPES.CASE_SUBMITTED]: {
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    ...ITEM,
    itemVersion: 1,
    applicantId: APPLICANT_ID,
    applicantName: '张三',
    hall: 'hall-510100-01',
    submittedAt: '2026-03-02T01:00:00.000Z',
  },
  [EVENT_TYPES.CASE_ACCEPTED]: {
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    ...ITEM,
    itemVersion: 1,
    applicantId: APPLICANT_ID,
    applicantName: '张三',
    hall: 'hall-510100-01',
    orgUnit: '510100',
    agency: '市场监督管理局',
    acceptedAt: '2026-03-02T01:30:00.000Z',
    acceptedBy: 'u-clerk',
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    fee: { amountFen: 8000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' },
    resultLicenceType: 'BUSINESS_LICENCE',
    caseKind: 'PROMISED',
  },
  [EVENT_TYPES.CASE_DECIDED]: {
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    ...ITEM,
    applicantId: APPLICANT_ID,
    applicantName: '张三',
    decision: 'APPROVED',
    opinion: '材料齐全，符合法定形式',
    legalBasis: ['《不动产登记暂行条例》第二十条'],
    decidedAt: '2026-03-03T02:00:00.000Z',
    decidedBy: 'u-approver',
    resultLicenceType: 'BUSINESS_LICENCE',
  },
  [EVENT_TYPES.TASK_CREATED]: {
    taskId: 't-1',
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    role: 'approver',
    orgUnit: '510100',
    createdAt: '2026-03-02T01:31:00.000Z',
  },
  [EVENT_TYPES.LICENCE_ISSUED]: {
    licenceId: '1.2.156.3005.2.11100000000013127D001.510100.000001.001.X',
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    licenceType: 'BUSINESS_LICENCE',
    holderId: APPLICANT_ID,
    holderName: '张三',
    issuedAt: '2026-03-03T02:05:00.000Z',
  },
  [EVENT_TYPES.BILL_ISSUED]: {
    billId: 'b-1',
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    applicantId: APPLICANT_ID,
    amountFen: 8050,
    currency: 'CNY',
    paymentCode: '12345678901234567897',
    issuedAt: '2026-03-02T01:31:00.000Z',
  },
  [EVENT_TYPES.CASE_CLOSED]: {
    caseId: CASE_ID,
    caseNumber: CASE_NUMBER,
    applicantId: APPLICANT_ID,
    licenceId: '1.2.156.3005.2.11100000000013127D001.510100.000001.001.X',
    closedAt: '2026-03-03T02:06:00.000Z',
    outcome: 'APPROVED',
  },
  [EVENT_TYPES.CASE_SUSPENDED]: {
    ...approvalCase,
    kind: 'SITE_INSPECTION',
    reason: '需现场勘查房屋现状',
    expectedDays: 5,
    suspendedBy: approvalActor,
    suspendedAt: '2026-03-02T06:00:00.000Z',
    remainingPromisedDays: 4,
    remainingStatutoryDays: 19,
  },
  [EVENT_TYPES.CASE_RESUMED]: {
    ...approvalCase,
    kind: 'SITE_INSPECTION',
    resumedBy: approvalActor,
    resumedAt: '2026-03-05T01:00:00.000Z',
    workingDaysSuspended: 3,
    promisedDeadline: '2026-03-11',
    statutoryDeadline: '2026-04-02',
  },
  [EVENT_TYPES.CASE_EXTENDED]: {
    ...approvalCase,
    days: 10,
    reason: '需组织专家论证',
    approvedBy: { subject: 'u-head', username: 'feng.head', onBehalfOf: null },
    extendedAt: '2026-03-05T02:00:00.000Z',
    promisedDeadline: '2026-03-25',
    statutoryDeadline: '2026-04-16',
  },
  [EVENT_TYPES.INTERNAL_REVIEW_REQUESTED]: { ...approvalCase, reason: '请求复核', taskId: `${CASE_ID}:internal-review`, requestedAt: '2026-03-04T02:00:00.000Z' },
  [EVENT_TYPES.INTERNAL_REVIEW_DECIDED]: {
    ...approvalCase,
    result: 'UPHELD',
    opinion: '维持原决定：权属材料不全',
    legalBasis: ['《不动产登记暂行条例》第二十二条'],
    decidedBy: { subject: 'u-approver-qian', username: 'qian.approver', onBehalfOf: null },
    decidedAt: '2026-03-06T02:00:00.000Z',
  },
  [EVENT_TYPES.CASE_WARNING_RAISED]: {
    ...approvalCase,
    level: 'YELLOW',
    taskId: null,
    deadline: '2026-03-09',
    remainingWorkingDays: -1,
    handlers: ['u-approver', 'role:approver@510100/不动产登记中心'],
    orgUnit: '510100',
    agency: '不动产登记中心',
    raisedAt: '2026-03-10T02:00:00.000Z',
  },
  [EVENT_TYPES.CASE_ESCALATED]: {
    ...approvalCase,
    trigger: 'RED',
    action: 'REASSIGN_TO_CHIEF',
    taskIds: [`${CASE_ID}:review`],
    detail: 'reassigned up: 1',
    orgUnit: '510100',
    agency: '不动产登记中心',
    escalatedAt: '2026-04-01T02:00:00.000Z',
  },
};

/** When each fixture event happened: the walk's order. */
const TIMES: Record<FixtureType, string> = {
  [EVENT_TYPES.CASE_SUBMITTED]: '2026-03-02T01:00:00.000Z',
  [EVENT_TYPES.CASE_ACCEPTED]: '2026-03-02T01:30:00.000Z',
  [EVENT_TYPES.TASK_CREATED]: '2026-03-02T01:30:01.000Z',
  [EVENT_TYPES.BILL_ISSUED]: '2026-03-02T01:31:00.000Z',
  [EVENT_TYPES.CASE_DECIDED]: '2026-03-03T02:00:00.000Z',
  [EVENT_TYPES.LICENCE_ISSUED]: '2026-03-03T02:05:00.000Z',
  [EVENT_TYPES.CASE_CLOSED]: '2026-03-03T02:06:00.000Z',
  [EVENT_TYPES.CASE_SUSPENDED]: '2026-03-02T06:00:00.000Z',
  [EVENT_TYPES.CASE_RESUMED]: '2026-03-05T01:00:00.000Z',
  [EVENT_TYPES.CASE_EXTENDED]: '2026-03-05T02:00:00.000Z',
  [EVENT_TYPES.INTERNAL_REVIEW_REQUESTED]: '2026-03-04T02:00:00.000Z',
  [EVENT_TYPES.INTERNAL_REVIEW_DECIDED]: '2026-03-06T02:00:00.000Z',
  [EVENT_TYPES.CASE_WARNING_RAISED]: '2026-03-10T02:00:00.000Z',
  [EVENT_TYPES.CASE_ESCALATED]: '2026-04-01T02:00:00.000Z',
};

/** Distributes over a union of types, so a loop over several types still yields catalog events. */
type EventOf<T extends FixtureType> = T extends FixtureType ? TypedEvent<T> : never;

/** A valid event of the given type about the fixture case, at its step's time; `data` overrides merge in. */
export function eventOf<T extends FixtureType>(type: T, data: Partial<EventDataMap[T]> = {}): EventOf<T> {
  const event = newEvent({ type, source: 'onewindow/test', subject: CASE_ID, time: new Date(TIMES[type]), data: { ...(DATA[type] as EventDataMap[T]), ...data } });
  return event as EventOf<T>;
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

/** identity's instruction to send a one-time code: requested at 10:00 Beijing time, valid ten minutes. */
export function codeRequestedEvent(data: Partial<EventDataMap[typeof EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED]> = {}) {
  return newEvent({
    type: EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED,
    source: 'onewindow/identity',
    subject: APPLICANT_ID,
    time: new Date('2026-03-02T02:00:00.000Z'),
    data: {
      challengeId: '0195f000-0000-7000-8000-00000000c0de',
      applicantId: APPLICANT_ID,
      kind: 'mobile',
      destination: '13912345678',
      code: '048213',
      requestedAt: '2026-03-02T02:00:00.000Z',
      expiresAt: '2026-03-02T02:10:00.000Z',
      ...data,
    },
  });
}
