import { EVENT_TYPES, newEvent, type EventDataMap, type TypedEvent } from '../src/catalog.js';

/** A valid `case.accepted` payload; override what a test is about. */
export function caseAcceptedData(overrides: Partial<EventDataMap[typeof EVENT_TYPES.CASE_ACCEPTED]> = {}) {
  return {
    caseId: 'case-0001',
    caseNumber: 'SC-2026-000001',
    itemCode: 'SCJG-XK-014',
    itemVersion: 3,
    itemName: '食品经营许可',
    applicantId: 'applicant-1',
    applicantName: '成都市青羊区张记小吃店',
    hall: 'hall-qingyang',
    orgUnit: 'org-qingyang-scjg',
    agency: '市场监督管理局',
    acceptedAt: '2026-03-02T09:30:00+08:00',
    acceptedBy: 'clerk-7',
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    fee: null,
    resultLicenceType: 'FOOD_BUSINESS_LICENCE',
    caseKind: 'PROMISED' as const,
    ...overrides,
  };
}

export function caseAcceptedEvent(caseId = 'case-0001', id?: string): TypedEvent<typeof EVENT_TYPES.CASE_ACCEPTED> {
  return newEvent({
    type: EVENT_TYPES.CASE_ACCEPTED,
    source: 'onewindow/intake',
    subject: caseId,
    data: caseAcceptedData({ caseId }),
    time: new Date('2026-03-02T01:30:00Z'),
    ...(id ? { id } : {}),
  });
}
