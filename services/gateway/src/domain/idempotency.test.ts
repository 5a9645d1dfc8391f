import { DomainError } from '@onewindow/kernel/errors';
import { describe, expect, it } from 'vitest';
import { fingerprint, mayRerun, recordId, replayOf, type IdempotencyRecord } from './idempotency.js';

const done = (body: unknown): IdempotencyRecord => ({
  id: 'r',
  fingerprint: fingerprint(body),
  state: 'DONE',
  status: 201,
  body: { id: 'case-1' },
  createdAt: '2026-01-05T00:00:00Z',
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).code;
  }
  return 'no error';
};

describe('idempotency keys', () => {
  it('scopes a key to the caller, method and path', () => {
    const a = recordId('alice', 'POST', '/api/v1/cases', 'key-12345');
    expect(recordId('bob', 'POST', '/api/v1/cases', 'key-12345')).not.toBe(a);
    expect(recordId('alice', 'POST', '/api/v1/files', 'key-12345')).not.toBe(a);
    expect(recordId('alice', 'POST', '/api/v1/cases', 'key-12345')).toBe(a);
  });

  it('refuses keys that are too short or carry odd characters', () => {
    expect(codeOf(() => recordId('a', 'POST', '/x', 'short'))).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(codeOf(() => recordId('a', 'POST', '/x', 'has spaces in it'))).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('replays the first response for the same body', () => {
    expect(replayOf(done({ itemCode: 'A' }), fingerprint({ itemCode: 'A' }))).toEqual({ status: 201, body: { id: 'case-1' } });
  });

  it('refuses the same key with another body, and a replay while the first runs', () => {
    expect(codeOf(() => replayOf(done({ itemCode: 'A' }), fingerprint({ itemCode: 'B' })))).toBe('IDEMPOTENCY_KEY_REUSED');
    const running: IdempotencyRecord = { ...done({}), state: 'IN_PROGRESS' };
    expect(codeOf(() => replayOf(running, fingerprint({})))).toBe('IDEMPOTENCY_IN_PROGRESS');
  });

  it('lets a failed request, or one whose first attempt died, run again', () => {
    const at = Date.parse('2026-01-05T00:00:00Z');
    expect(mayRerun({ ...done({}), state: 'FAILED' }, at)).toBe(true);
    expect(mayRerun({ ...done({}), state: 'IN_PROGRESS' }, at + 1000)).toBe(false);
    expect(mayRerun({ ...done({}), state: 'IN_PROGRESS' }, at + 61_000)).toBe(true);
    expect(mayRerun(done({}), at + 61_000)).toBe(false);
  });
});
