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
