// Fixture builders shared by the approval service's tests (excluded from the build).
import type { Principal } from '@onewindow/auth';
import type { CaseAcceptedData } from '@onewindow/events';
import { openReviewTask, type Actor, type Task } from '../domain/task.js';

export const ORG_UNIT = '510100';

export function acceptedCaseFixture(overrides: Partial<CaseAcceptedData> = {}): CaseAcceptedData {
  return {
    caseId: '0198c2a0-0000-7000-8000-000000000001',
    caseNumber: 'SC510100-20260311-000001',
    itemCode: 'SCJG-XK-014',
    itemVersion: 1,
    itemName: '食品经营许可',
    applicantId: 'u-applicant-zhang',
    applicantName: '张三',
    hall: 'hall-510100-01',
    orgUnit: ORG_UNIT,
    agency: '市场监督管理局',
    acceptedAt: '2026-03-11T02:00:00.000Z',
    acceptedBy: 'u-clerk-li',
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    fee: null,
    resultLicenceType: 'FOOD_BUSINESS_LICENCE',
    caseKind: 'PROMISED',
    ...overrides,
  };
}

const deadline = { limitDays: 5, date: '2026-03-18', provisional: false };

export function taskFixture(overrides: Partial<Task> = {}): Task {
  const task = openReviewTask(acceptedCaseFixture(), { promised: deadline, statutory: deadline }, new Date('2026-03-11T02:00:05Z'));
  return { ...task, ...overrides };
}

export const actorFixture = (overrides: Partial<Actor> = {}): Actor => ({
  subject: 'u-approver-zhao',
  username: 'zhao.approver',
  ...overrides,
});

export function principalFixture(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: 'u-approver-zhao',
    username: 'zhao.approver',
    roles: ['approver'],
    orgUnit: ORG_UNIT,
    agency: '市场监督管理局',
    clientId: 'onewindow-console',
    token: 'token-approver-zhao',
    ...overrides,
  };
}

export const approver = principalFixture;
export const otherApprover = () =>
  principalFixture({ subject: 'u-approver-qian', username: 'qian.approver', token: 'token-approver-qian' });
export const approverElsewhere = () =>
  principalFixture({ subject: 'u-approver-sun', username: 'sun.approver', orgUnit: '510104', token: 'token-approver-sun' });
export const supervisor = () =>
  principalFixture({ subject: 'u-supervisor', username: 'supervisor', roles: ['supervisor'], token: 'token-supervisor' });
export const clerk = () =>
  principalFixture({ subject: 'u-clerk-li', username: 'li.clerk', roles: ['clerk'], hall: 'hall-510100-01', token: 'token-clerk' });
