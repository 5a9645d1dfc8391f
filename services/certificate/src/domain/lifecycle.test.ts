import { describe, expect, it } from 'vitest';
import { applyLifecycle, isPastValidity, LICENCE_STATES, type Lifecycle } from './lifecycle.js';

const NOW = new Date('2027-01-01T00:00:00Z');
const actor = { by: 'u-head', authority: '成都市行政审批局' };
const valid = (overrides: Partial<Lifecycle> = {}): Lifecycle => ({
  status: 'VALID',
  stateCode: '01',
  validUntil: '2031-03-12T07:00:00.000Z',
  history: [],
  ...overrides,
});
const basis = ['《中华人民共和国行政许可法》第六十九条'];

describe('licence lifecycle', () => {
  it('suspends and restores, with the shared reference codes', () => {
    const suspended = applyLifecycle(valid(), { operation: 'SUSPEND', reason: '待整改', legalBasis: basis }, actor, NOW);
    expect(suspended).toMatchObject({ status: 'SUSPENDED', stateCode: LICENCE_STATES.SUSPENDED });
    expect(suspended.history[0]).toMatchObject({ operationCode: '03', from: 'VALID', to: 'SUSPENDED', reasonClass: 'INSPECTION' });

    const restored = applyLifecycle(suspended, { operation: 'RESTORE', reason: '整改完成', legalBasis: [] }, actor, NOW);
    expect(restored).toMatchObject({ status: 'VALID', stateCode: '01' });
    expect(restored.history.map((c) => c.operationCode)).toEqual(['03', '06']);
  });

  it('tells 撤销 (03) from 吊销 (07)', () => {
    const annulled = applyLifecycle(valid(), { operation: 'REVOKE', kind: 'ANNUL', reason: '以欺骗手段取得', legalBasis: basis }, actor, NOW);
    const revoked = applyLifecycle(valid(), { operation: 'REVOKE', kind: 'REVOKE', reason: '严重违法', legalBasis: basis }, actor, NOW);
    expect([annulled.stateCode, annulled.history[0]?.reasonClass]).toEqual(['03', 'UNLAWFUL_GRANT']);
    expect([revoked.stateCode, revoked.history[0]?.reasonClass]).toEqual(['07', 'PENALTY']);
  });

  it('refuses what the state does not allow, and changes nothing', () => {
    const revoked = applyLifecycle(valid(), { operation: 'REVOKE', kind: 'REVOKE', reason: '严重违法', legalBasis: basis }, actor, NOW);
    const suspended = applyLifecycle(valid(), { operation: 'SUSPEND', reason: '待整改', legalBasis: basis }, actor, NOW);
    expect(() => applyLifecycle(revoked, { operation: 'RESTORE', reason: 'x', legalBasis: [] }, actor, NOW)).toThrow(
      expect.objectContaining({ code: 'LICENCE_STATE_CONFLICT' }),
    );
    expect(() => applyLifecycle(suspended, { operation: 'CANCEL', reason: '不再经营', legalBasis: [] }, actor, NOW)).toThrow(
      expect.objectContaining({ code: 'LICENCE_STATE_CONFLICT' }),
    );
    expect(() => applyLifecycle(valid(), { operation: 'RESTORE', reason: 'x', legalBasis: [] }, actor, NOW)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(revoked.history).toHaveLength(1);
  });

  it('wants a reason, and a legal basis for a suspension or a revocation', () => {
    expect(() => applyLifecycle(valid(), { operation: 'SUSPEND', reason: ' ', legalBasis: basis }, actor, NOW)).toThrow(
      expect.objectContaining({ code: 'REASON_REQUIRED' }),
    );
    expect(() => applyLifecycle(valid(), { operation: 'REVOKE', kind: 'REVOKE', reason: '违法', legalBasis: [' '] }, actor, NOW)).toThrow(
      expect.objectContaining({ code: 'LEGAL_BASIS_REQUIRED' }),
    );
    const cancelled = applyLifecycle(valid(), { operation: 'CANCEL', reason: '不再经营', legalBasis: [] }, actor, NOW);
    expect([cancelled.stateCode, cancelled.history[0]?.reasonClass]).toEqual(['04', 'HOLDER_REQUEST']);
  });

  it('expires only at the end of validity; a licence without an end never does', () => {
    const ending = valid({ validUntil: '2027-01-01T00:00:00.000Z' });
    expect(applyLifecycle(ending, { operation: 'EXPIRE' }, actor, NOW)).toMatchObject({ status: 'EXPIRED', stateCode: '05' });
    expect(() => applyLifecycle(ending, { operation: 'EXPIRE' }, actor, new Date('2026-12-31T23:59:59Z'))).toThrow(
      expect.objectContaining({ code: 'LICENCE_NOT_EXPIRED' }),
    );
    expect(isPastValidity(valid({ validUntil: '' }), new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });

  it('marks a renewed or changed licence superseded by its successor', () => {
    const renewed = applyLifecycle(valid(), { operation: 'RENEW', successorId: 'next-version' }, actor, NOW);
    expect(renewed.history[0]).toMatchObject({ operationCode: '02', to: 'EXPIRED', reasonClass: 'SUPERSEDED', successorId: 'next-version' });
    const changed = applyLifecycle(valid(), { operation: 'CHANGE', successorId: 'next-version' }, actor, NOW);
    expect(changed.history[0]?.operationCode).toBe('09');
  });
});
