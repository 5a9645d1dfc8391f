import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/fixtures.js';
import { changeCredit } from './credit.js';

const NOW = new Date('2026-01-05T02:00:00.000Z');
const flag = { applicantId: 'party:abc', flagged: true, reason: '虚假承诺被撤销许可', by: 'u-admin', now: NOW };

describe('credit flags', () => {
  it('flags an applicant, keeping who, when and why', () => {
    expect(changeCredit(null, flag)).toEqual({
      id: 'party:abc',
      flagged: true,
      reason: '虚假承诺被撤销许可',
      updatedAt: NOW.toISOString(),
      history: [{ flagged: true, reason: '虚假承诺被撤销许可', by: 'u-admin', at: NOW.toISOString() }],
    });
  });

  it('clears a flag with its own reason and keeps the history', () => {
    const cleared = changeCredit(changeCredit(null, flag), { ...flag, flagged: false, reason: '信用修复' });
    expect(cleared).toMatchObject({ flagged: false, reason: '信用修复' });
    expect(cleared.history.map((h) => h.flagged)).toEqual([true, false]);
  });

  it('changes nothing when the flag is already so', () => {
    const flagged = changeCredit(null, flag);
    expect(changeCredit(flagged, flag)).toBe(flagged);
  });

  it('refuses a change without a reason, or for something that is not an applicant id', () => {
    expect(errorOf(() => changeCredit(null, { ...flag, reason: ' ' })).code).toBe('CREDIT_REASON_REQUIRED');
    expect(errorOf(() => changeCredit(null, { ...flag, applicantId: '{"$gt":""}' })).code).toBe('APPLICANT_ID_INVALID');
  });
});
