import { describe, expect, it } from 'vitest';
import { DomainError } from '@onewindow/kernel';
import {
  EVENT_TYPES,
  isEvent,
  newEvent,
  parseEventData,
  toOutboxMessage,
  TOPICS,
  type CatalogEvent,
} from '../src/catalog.js';
import { parseEnvelope, type EventEnvelope } from '../src/envelope.js';
import { caseAcceptedData, caseAcceptedEvent } from './fixtures.js';

const caught = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
};

describe('event catalog', () => {
  it('builds a CloudEvents envelope with a time-ordered id', () => {
    const event = caseAcceptedEvent('case-42');

    expect(event).toMatchObject({
      specversion: '1.0',
      type: 'onewindow.intake.case.accepted.v1',
      source: 'onewindow/intake',
      subject: 'case-42',
      time: '2026-03-02T01:30:00.000Z',
      datacontenttype: 'application/json',
    });
    expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(event.traceparent).toBeUndefined();
  });

  it('refuses data that does not match the type’s schema, naming each bad field', () => {
    const err = caught(() =>
      newEvent({
        type: EVENT_TYPES.CASE_ACCEPTED,
        source: 'onewindow/intake',
        subject: 'case-1',
        data: caseAcceptedData({ fee: { amountFen: 12.5, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' }, acceptedAt: 'yesterday' }),
        time: new Date(),
      }),
    );

    expect(err.code).toBe('EVENT_INVALID');
    expect(err.details.map((d) => d.field).sort()).toEqual(['acceptedAt', 'fee.amountFen']);
  });

  it('rejects an unknown event type', () => {
    expect(caught(() => parseEventData('onewindow.intake.case.exploded.v1' as typeof EVENT_TYPES.CASE_CLOSED, {})).code).toBe(
      'EVENT_UNKNOWN_TYPE',
    );
  });

  it('routes each type to its topic, keyed by subject', () => {
    const event = newEvent({
      type: EVENT_TYPES.BILL_ISSUED,
      source: 'onewindow/fees',
      subject: 'case-9',
      data: {
        billId: 'bill-1',
        caseId: 'case-9',
        caseNumber: 'SC-2026-000009',
        applicantId: 'applicant-9',
        amountFen: 8000,
        currency: 'CNY',
        paymentCode: '5101000000123456',
        issuedAt: '2026-03-02T10:00:00+08:00',
      },
      time: new Date('2026-03-02T02:00:00Z'),
    });

    const message = toOutboxMessage(event);

    expect(message).toEqual({ id: event.id, topic: TOPICS.FEES_BILL, key: 'case-9', payload: JSON.stringify(event) });
    expect(parseEnvelope(message.payload)).toEqual(event);
  });

  it('narrows data by event type', () => {
    const event: EventEnvelope = caseAcceptedEvent();
    const catalogued = event as CatalogEvent;
    if (catalogued.type === EVENT_TYPES.CASE_ACCEPTED) expect(catalogued.data.caseKind).toBe('PROMISED');
    expect(isEvent(event, EVENT_TYPES.CASE_ACCEPTED) && event.data.itemVersion).toBe(3);
    expect(isEvent(event, EVENT_TYPES.CASE_CLOSED)).toBe(false);
  });

  it.each([
    ['not JSON', '{"specversion":'],
    ['not an object', '42'],
    ['no id', JSON.stringify({ ...caseAcceptedEvent(), id: '' })],
    ['no data', JSON.stringify({ ...caseAcceptedEvent(), data: undefined })],
    ['wrong specversion', JSON.stringify({ ...caseAcceptedEvent(), specversion: '0.3' })],
  ])('rejects a malformed envelope: %s', (_, json) => {
    expect(caught(() => parseEnvelope(json)).code).toBe('EVENT_MALFORMED');
  });
});

describe('identity delegation events (consumed by approval: names are a contract)', () => {
  const created = {
    delegationId: 'dlg-1',
    principalId: 'u-approver-wang',
    principalUsername: 'approver-demo',
    substituteId: 'u-approver-chen',
    substituteUsername: 'approver-chen',
    orgUnit: '510100',
    agency: '市场监督管理局',
    role: 'approver',
    from: '2026-03-02T00:00:00.000Z',
    until: '2026-03-09T00:00:00.000Z',
    createdAt: '2026-03-01T08:00:00.000Z',
  };

  it('carries created and revoked on onewindow.identity.delegation.v1', () => {
    expect(TOPICS.IDENTITY_DELEGATION).toBe('onewindow.identity.delegation.v1');
    expect(EVENT_TYPES.DELEGATION_CREATED).toBe('onewindow.identity.delegation.created.v1');
    expect(EVENT_TYPES.DELEGATION_REVOKED).toBe('onewindow.identity.delegation.revoked.v1');
    const event = newEvent({ type: EVENT_TYPES.DELEGATION_CREATED, source: 'onewindow/identity', subject: 'dlg-1', data: created, time: new Date() });
    expect(toOutboxMessage(event).topic).toBe('onewindow.identity.delegation.v1');
    const revoked = { delegationId: 'dlg-1', principalId: 'u-approver-wang', substituteId: 'u-approver-chen', revokedAt: '2026-03-03T08:00:00.000Z' };
    expect(parseEventData(EVENT_TYPES.DELEGATION_REVOKED, revoked)).toEqual(revoked);
  });

  it('refuses a delegation without its period', () => {
    const { until: _until, ...withoutUntil } = created;
    expect(caught(() => parseEventData(EVENT_TYPES.DELEGATION_CREATED, withoutUntil)).details.map((d) => d.field)).toEqual(['until']);
  });

  it('routes audit entries to onewindow.audit.v1 and refuses a malformed hash', () => {
    expect(TOPICS.AUDIT).toBe('onewindow.audit.v1');
    const entry = {
      id: '000000000001', seq: 1, prevHash: '0'.repeat(64), hash: 'a'.repeat(64), at: '2026-03-02T01:30:00.000Z', service: 'intake',
      actor: { subject: 'u-1', username: 'clerk', roles: ['clerk'], orgUnit: '510107', agency: '', hall: 'hall-510107-01', clientId: 'onewindow-console' },
      action: 'onewindow.intake.v1.IntakeService/AcceptCase', resource: '', window: '', traceId: '', outcome: 'DENIED', reason: 'no', onBehalfOf: '',
    } as const;
    expect(parseEventData(EVENT_TYPES.AUDIT_ENTRY_RECORDED, entry)).toEqual(entry);
    expect(caught(() => parseEventData(EVENT_TYPES.AUDIT_ENTRY_RECORDED, { ...entry, hash: 'x' })).details.map((d) => d.field)).toEqual(['hash']);
  });
});

describe('approval events (issue 6)', () => {
  const warning = {
    caseId: 'case-6',
    caseNumber: 'SC-2026-000006',
    itemName: '食品经营许可',
    applicantId: 'u-applicant',
    level: 'YELLOW' as const,
    taskId: null,
    deadline: '2026-03-18',
    remainingWorkingDays: -1,
    handlers: ['role:approver@510100/市场监督管理局'],
    orgUnit: '510100',
    agency: '市场监督管理局',
    raisedAt: '2026-03-19T02:00:00.000Z',
  };

  it('routes warnings, suspensions and the rest to the approval topic, keyed by case', () => {
    const event = newEvent({ type: EVENT_TYPES.CASE_WARNING_RAISED, source: 'onewindow/approval', subject: 'case-6', data: warning, time: new Date('2026-03-19T02:00:00Z') });
    expect(toOutboxMessage(event)).toMatchObject({ topic: TOPICS.APPROVAL_CASE, key: 'case-6' });
  });

  it('refuses a warning of an unknown level and a suspension without a reason', () => {
    expect(caught(() => parseEventData(EVENT_TYPES.CASE_WARNING_RAISED, { ...warning, level: 'ORANGE' })).details.map((d) => d.field)).toEqual(['level']);
    const suspended = {
      caseId: 'case-6',
      caseNumber: 'SC-2026-000006',
      itemName: '食品经营许可',
      applicantId: 'u-applicant',
      kind: 'HEARING',
      reason: '',
      expectedDays: null,
      suspendedBy: { subject: 'u-a', username: 'a', onBehalfOf: null },
      suspendedAt: '2026-03-12T02:00:00.000Z',
      remainingPromisedDays: 3,
      remainingStatutoryDays: 18,
    };
    expect(caught(() => parseEventData(EVENT_TYPES.CASE_SUSPENDED, suspended)).details.map((d) => d.field)).toEqual(['reason']);
  });
});

describe('intake events (issue 5)', () => {
  const rejected = {
    caseId: 'case-5',
    caseNumber: 'OW-20260105-000005',
    itemCode: 'GA-QR-031',
    itemName: '户口迁移',
    applicantId: 'u-applicant',
    applicantName: '张三',
    hall: 'hall-510100-01',
    reason: '不属于本机关职权范围',
    legalBasis: ['《中华人民共和国行政许可法》第三十二条'],
    rejectedBy: 'u-clerk',
    rejectedAt: '2026-01-05T03:00:00.000Z',
    documentId: 'doc-1',
  };

  it('routes every new intake transition to the intake topic, keyed by case', () => {
    for (const type of [
      EVENT_TYPES.CASE_PRE_REVIEWED,
      EVENT_TYPES.CASE_REJECTED,
      EVENT_TYPES.CASE_SUPPLEMENT_REQUESTED,
      EVENT_TYPES.CASE_SUPPLEMENTED,
      EVENT_TYPES.CASE_TERMINATED,
    ])
      expect(type).toMatch(/^onewindow\.intake\.case\.[a-z-]+\.v1$/);
    const event = newEvent({ type: EVENT_TYPES.CASE_REJECTED, source: 'onewindow/intake', subject: 'case-5', data: rejected, time: new Date() });
    expect(toOutboxMessage(event)).toMatchObject({ topic: TOPICS.INTAKE_CASE, key: 'case-5' });
  });

  it('refuses a refusal without legal basis and a termination without its due date', () => {
    expect(caught(() => parseEventData(EVENT_TYPES.CASE_REJECTED, { ...rejected, legalBasis: [] })).details.map((d) => d.field)).toEqual(['legalBasis']);
    const terminated = { caseId: 'c', caseNumber: 'n', applicantId: 'a', hall: 'h', reason: 'PENDING_MATERIALS_OVERDUE', materialCodes: ['M03'], terminatedAt: '2026-01-13T00:00:00.000Z' };
    expect(caught(() => parseEventData(EVENT_TYPES.CASE_TERMINATED, terminated)).details.map((d) => d.field)).toEqual(['dueDate']);
  });

  it('keeps case.accepted readable without the optional fields added for issue 5, and carries them when set', () => {
    expect(parseEventData(EVENT_TYPES.CASE_ACCEPTED, caseAcceptedData())).not.toHaveProperty('decidedAtWindow');
    const decided = parseEventData(
      EVENT_TYPES.CASE_ACCEPTED,
      caseAcceptedData({
        acceptanceKind: 'DEEMED',
        decidedAtWindow: { decision: 'APPROVED', opinion: '准予', legalBasis: ['x'], decidedBy: 'u-clerk' },
        pending: { materialCodes: ['M03'], dueDate: '2026-01-12' },
      }),
    );
    expect(decided).toMatchObject({ acceptanceKind: 'DEEMED', decidedAtWindow: { decision: 'APPROVED' }, pending: { dueDate: '2026-01-12' } });
    expect(caught(() => parseEventData(EVENT_TYPES.CASE_ACCEPTED, caseAcceptedData({ pending: { materialCodes: [], dueDate: '12 Jan' } }))).details.map((d) => d.field).sort()).toEqual([
      'pending.dueDate',
      'pending.materialCodes',
    ]);
  });
});

describe('contact verification', () => {
  const requested = {
    challengeId: 'ch-1',
    applicantId: 'u-applicant',
    kind: 'mobile' as const,
    destination: '13800000000',
    code: '048213',
    requestedAt: '2026-03-02T02:00:00.000Z',
    expiresAt: '2026-03-02T02:10:00.000Z',
  };

  it('carries the code request on its own topic, keyed by applicant', () => {
    expect(EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED).toBe('onewindow.identity.contact-verification.requested.v1');
    const event = newEvent({ type: EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED, source: 'onewindow/identity', subject: 'u-applicant', data: requested, time: new Date() });
    expect(toOutboxMessage(event)).toMatchObject({ topic: 'onewindow.identity.contact-verification.v1', key: 'u-applicant' });
    expect(parseEventData(EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED, requested)).toEqual(requested);
  });

  it('refuses a code that is not six digits and a kind that is no contact', () => {
    const bad = { ...requested, code: '12345', kind: 'fax' };
    expect(caught(() => parseEventData(EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED, bad)).details.map((d) => d.field).sort()).toEqual(['code', 'kind']);
  });
});
