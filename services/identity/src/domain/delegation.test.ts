import { describe, expect, it } from 'vitest';
import { delegationFixture, staffMemberFixture } from '../testing/fixtures.js';
import { delegationStatus, newDelegation, revokeDelegation, type DelegationCandidate, type DelegationContext } from './delegation.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const wang = staffMemberFixture();
const chen = staffMemberFixture({ id: 'u-approver-chen', username: 'approver-chen', displayName: '陈七' });
const candidate = (overrides: Partial<DelegationCandidate> = {}): DelegationCandidate => ({
  principal: wang,
  substitute: chen,
  substituteId: chen.id,
  from: '2026-03-03T00:00:00+08:00',
  until: '2026-03-10T00:00:00+08:00',
  reason: '出差',
  ...overrides,
});
const context = (overrides: Partial<DelegationContext> = {}): DelegationContext => ({ givenByPrincipal: [], givenBySubstitute: [], now: NOW, ...overrides });

function problems(c: DelegationCandidate, ctx = context()): string[] {
  try {
    newDelegation(c, ctx, { id: 'dlg-new', createdBy: wang.id });
    return [];
  } catch (err) {
    return (err as { details: { field: string; message: string }[] }).details.map((d) => `${d.field}: ${d.message}`);
  }
}

describe('naming a stand-in (AB角)', () => {
  it('records who stands in for whom, where, and for which period (in UTC)', () => {
    expect(newDelegation(candidate(), context(), { id: 'dlg-new', createdBy: wang.id })).toEqual({
      id: 'dlg-new',
      principalId: 'u-approver-wang',
      principalUsername: 'approver-wang',
      substituteId: 'u-approver-chen',
      substituteUsername: 'approver-chen',
      orgUnit: '510100',
      agency: '市场监督管理局',
      role: 'approver',
      from: '2026-03-02T16:00:00.000Z',
      until: '2026-03-09T16:00:00.000Z',
      reason: '出差',
      createdAt: '2026-03-02T02:00:00.000Z',
      createdBy: 'u-approver-wang',
    });
  });

  it.each([
    ['themselves', candidate({ substitute: wang, substituteId: wang.id }), 'substituteId: an approver cannot stand in for themselves'],
    ['someone unknown', candidate({ substitute: undefined, substituteId: 'u-ghost' }), 'substituteId: no staff member u-ghost'],
    ['someone who is not an approver', candidate({ substitute: { ...chen, roles: ['clerk'] } }), 'substituteId: the substitute must hold the approver role'],
    ['someone of another org unit', candidate({ substitute: { ...chen, orgUnit: '510107' } }), 'substituteId: the substitute must sit in the same org unit'],
    ['someone of another agency', candidate({ substitute: { ...chen, agency: '交通运输局' } }), 'substituteId: the substitute must belong to the same agency'],
    ['a disabled colleague', candidate({ substitute: { ...chen, enabled: false } }), 'substituteId: the substitute is disabled'],
    ['on behalf of a clerk', candidate({ principal: { ...wang, roles: ['clerk'] } }), 'principalId: only an approver names a stand-in'],
  ])('refuses %s', (_label, c, expected) => {
    expect(problems(c)).toEqual([expected]);
  });

  it.each([
    ['an end before the start', { until: '2026-03-03T00:00:00+08:00' }, 'until: must be after from'],
    ['a start in the past', { from: '2026-03-01T00:00:00+08:00' }, 'from: must not be in the past'],
    ['more than 90 days', { until: '2026-06-03T00:00:00+08:00' }, 'until: a stand-in lasts at most 90 days'],
    ['a date without a time', { from: '2026-03-03' }, 'from: an ISO 8601 instant with its offset'],
  ])('refuses %s', (_label, overrides, expected) => {
    expect(problems(candidate(overrides))).toEqual([expected]);
  });

  it('accepts a start a few minutes ago (clock skew)', () => {
    expect(problems(candidate({ from: '2026-03-02T01:57:00Z' }))).toEqual([]);
  });

  it('refuses a period overlapping an open delegation of the principal, but not a revoked or finished one', () => {
    const open = delegationFixture({ id: 'dlg-open', from: '2026-03-08T00:00:00.000Z', until: '2026-03-12T00:00:00.000Z' });
    expect(problems(candidate(), context({ givenByPrincipal: [open] }))).toEqual([
      'from: overlaps delegation dlg-open (2026-03-08T00:00:00.000Z – 2026-03-12T00:00:00.000Z)',
    ]);
    expect(problems(candidate(), context({ givenByPrincipal: [{ ...open, revokedAt: '2026-03-02T01:00:00.000Z', revokedBy: wang.id }] }))).toEqual([]);
    const adjacent = delegationFixture({ id: 'dlg-before', from: '2026-03-02T03:00:00.000Z', until: '2026-03-02T16:00:00.000Z' });
    expect(problems(candidate(), context({ givenByPrincipal: [adjacent] }))).toEqual([]);
  });

  it('refuses a substitute who is away (delegating) during the period', () => {
    const away = delegationFixture({ id: 'dlg-chen', principalId: chen.id, substituteId: 'u-third' });
    expect(problems(candidate(), context({ givenBySubstitute: [away] }))).toEqual(['substituteId: the substitute is away then (delegation dlg-chen)']);
  });
});

describe('a stand-in over time', () => {
  const d = delegationFixture();

  it('is scheduled, then in force, then over', () => {
    expect(delegationStatus(d, new Date('2026-03-02T23:59:59Z'))).toBe('SCHEDULED');
    expect(delegationStatus(d, new Date('2026-03-03T00:00:00Z'))).toBe('ACTIVE');
    expect(delegationStatus(d, new Date('2026-03-09T23:59:59Z'))).toBe('ACTIVE');
    expect(delegationStatus(d, new Date('2026-03-10T00:00:00Z'))).toBe('EXPIRED');
  });

  it('ends when revoked, and cannot be revoked twice or after it ended', () => {
    const revoked = revokeDelegation(d, 'u-approver-wang', new Date('2026-03-05T00:00:00Z'));
    expect(revoked).toMatchObject({ revokedAt: '2026-03-05T00:00:00.000Z', revokedBy: 'u-approver-wang' });
    expect(delegationStatus(revoked, new Date('2026-03-04T00:00:00Z'))).toBe('ACTIVE');
    expect(delegationStatus(revoked, new Date('2026-03-05T00:00:00Z'))).toBe('REVOKED');
    expect(() => revokeDelegation(revoked, 'u-x', new Date('2026-03-06T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'DELEGATION_NOT_REVOCABLE' }));
    expect(() => revokeDelegation(d, 'u-x', new Date('2026-03-11T00:00:00Z'))).toThrow(/already expired/);
  });
});
