import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@onewindow/events/catalog';
import { composeMessage } from './message.js';
import { contactNoticeFor } from './notice.js';
import { claim, expire, isDue, isExpired, queued, settle, type OutboundMessage, type RetryPolicy } from './delivery.js';
import { MASK } from './template.js';
import { codeRequestedEvent } from '../testing/fixtures.js';

const NOW = new Date('2026-03-02T02:00:01.000Z');
const POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 60_000, claimMs: 30_000 };

function codeMessage(): OutboundMessage {
  const notice = contactNoticeFor(codeRequestedEvent(), NOW)!;
  return queued(composeMessage(notice, { eventId: 'e-1', eventType: EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED, occurredAt: NOW.toISOString() }, 'SMS', NOW));
}

const after = (attempts: number, random: number) =>
  Date.parse(settle({ ...codeMessage(), attempts }, { kind: 'failed', reason: 'HTTP 503' }, NOW, POLICY, () => random).nextAttemptAt!) - NOW.getTime();

describe('delivery of an outbound message', () => {
  it('is due at once when queued, and carries the expiry of its code', () => {
    const message = codeMessage();
    expect(message).toMatchObject({ deliveryStatus: 'PENDING', attempts: 0, nextAttemptAt: NOW.toISOString(), expiresAt: '2026-03-02T02:10:00.000Z' });
    expect(isDue(message, NOW)).toBe(true);
  });

  it('is no one else’s to send while claimed, and counts the attempt', () => {
    const claimed = claim(codeMessage(), NOW, POLICY);
    expect(claimed.attempts).toBe(1);
    expect(isDue(claimed, new Date(NOW.getTime() + POLICY.claimMs - 1))).toBe(false);
    expect(isDue(claimed, new Date(NOW.getTime() + POLICY.claimMs))).toBe(true);
  });

  it('waits twice as long after each failure, jittered within the upper half, capped', () => {
    expect([after(1, 0), after(1, 0.999)]).toEqual([1_000, 1_999]);
    expect([after(2, 0), after(3, 0), after(4, 0)]).toEqual([2_000, 4_000, 8_000]);
    expect(after(7, 0.5)).toBe(45_000);
  });

  it('fails for good after the last attempt, and at once when refused', () => {
    const failed = settle({ ...codeMessage(), attempts: 8 }, { kind: 'failed', reason: 'HTTP 503' }, NOW, POLICY, () => 0);
    expect(failed).toMatchObject({ deliveryStatus: 'FAILED', lastError: 'HTTP 503' });
    const refused = settle({ ...codeMessage(), attempts: 1 }, { kind: 'rejected', reason: 'HTTP 400' }, NOW, POLICY, () => 0);
    expect(refused).toMatchObject({ deliveryStatus: 'FAILED', lastError: 'HTTP 400' });
  });

  it('keeps the code while the message may still go out, and only a masked copy once it will not', () => {
    const { code } = codeRequestedEvent().data;
    const bodies = (m: OutboundMessage) => Object.values(m.texts).map((t) => t.body);
    const retrying = settle({ ...codeMessage(), attempts: 1 }, { kind: 'failed', reason: 'HTTP 503' }, NOW, POLICY, () => 0);
    expect(retrying.deliveryStatus).toBe('PENDING');
    expect(bodies(retrying).every((body) => body.includes(code))).toBe(true);

    const settled = [
      settle({ ...codeMessage(), attempts: 1 }, { kind: 'sent' }, NOW, POLICY, () => 0),
      settle({ ...codeMessage(), attempts: 1 }, { kind: 'rejected', reason: 'HTTP 400' }, NOW, POLICY, () => 0),
      settle({ ...codeMessage(), attempts: 8 }, { kind: 'failed', reason: 'HTTP 503' }, NOW, POLICY, () => 0),
      expire(codeMessage()),
    ];
    expect(settled.map((m) => m.deliveryStatus)).toEqual(['SENT', 'FAILED', 'FAILED', 'EXPIRED']);
    for (const message of settled) {
      expect(bodies(message).every((body) => body.includes(MASK) && !body.includes(code))).toBe(true);
      expect(message).not.toHaveProperty('maskedTexts');
    }
  });

  it('treats a code with under a minute left as expired', () => {
    expect(isExpired(codeMessage(), new Date('2026-03-02T02:09:00.000Z'))).toBe(false);
    expect(isExpired(codeMessage(), new Date('2026-03-02T02:09:00.001Z'))).toBe(true);
  });
});
