import { describe, expect, it } from 'vitest';
import { canonicalIdentifier, newApplicant, type ApplicantRegistration } from './applicant.js';

const NOW = new Date('2026-03-02T02:00:00Z');
const registration = (overrides: Partial<ApplicantRegistration> = {}): ApplicantRegistration => ({
  username: 'Wang-Xiaoming',
  password: 'a-long-secret-pass',
  displayName: ' 王小明 ',
  kind: 'NaturalPerson',
  residentId: '11010519491231002x',
  uscc: '',
  entityName: '',
  mobile: '13912345678',
  email: '',
  ...overrides,
});

function failure(input: ApplicantRegistration): { code: string; details: { field: string; message: string }[] } {
  try {
    newApplicant(input, { id: 'u-1', now: NOW });
  } catch (err) {
    return err as { code: string; details: { field: string; message: string }[] };
  }
  throw new Error('expected a refusal');
}

describe('applicant registration', () => {
  it('builds a natural person with the canonical number', () => {
    expect(newApplicant(registration(), { id: 'u-1', now: NOW })).toEqual({
      id: 'u-1',
      username: 'wang-xiaoming',
      displayName: '王小明',
      kind: 'NaturalPerson',
      identifier: { type: 'residentId', value: '11010519491231002X' },
      contacts: [{ kind: 'mobile', value: '13912345678' }],
      createdAt: '2026-03-02T02:00:00.000Z',
    });
  });

  it('builds a legal entity with its USCC and registered name', () => {
    const entity = newApplicant(registration({ kind: 'LegalEntity', residentId: '', uscc: '91350100m000100y43', entityName: '某某有限公司' }), { id: 'u-2', now: NOW });
    expect(entity).toMatchObject({ kind: 'LegalEntity', identifier: { type: 'uscc', value: '91350100M000100Y43' }, entityName: '某某有限公司' });
  });

  it.each([
    ['a wrong check digit', { residentId: '110105194912310021' }, 'residentId', 'CHECK_DIGIT'],
    ['a wrong length', { residentId: '11010519491231002' }, 'residentId', 'LENGTH'],
    ['a birth date after today', { residentId: '110105202612310010' }, 'residentId', 'BIRTH_DATE'],
    ['a USCC with a wrong check character', { kind: 'LegalEntity', residentId: '', uscc: '91350100M000100Y44', entityName: 'x' }, 'uscc', 'CHECK_DIGIT'],
  ])('refuses %s with IDENTIFIER_INVALID naming the field and the reason', (_label, overrides, field, reason) => {
    const err = failure(registration(overrides));
    expect(err.code).toBe('IDENTIFIER_INVALID');
    expect(err.details).toEqual([{ field, message: expect.stringMatching(new RegExp(`^${reason}: `)) }]);
  });

  it('reports every other problem at once', () => {
    const err = failure(registration({ username: 'x', password: 'short', displayName: '', mobile: '12345', email: 'not-mail' }));
    expect(err.code).toBe('APPLICANT_INVALID');
    expect(err.details.map((d) => d.field)).toEqual(['username', 'password', 'displayName', 'mobile', 'email']);
  });

  it('refuses a natural person with a USCC, and a password holding the username', () => {
    expect(failure(registration({ uscc: '91350100M000100Y43' })).details.map((d) => d.field)).toEqual(['uscc']);
    expect(failure(registration({ password: 'my-wang-xiaoming-1' })).details.map((d) => d.field)).toEqual(['password']);
  });

  it('canonicalises lookups and refuses what is not an identifier', () => {
    expect(canonicalIdentifier('residentId', '11010519491231002x')).toBe('11010519491231002X');
    expect(canonicalIdentifier('uscc', '110105194912310021')).toBeUndefined();
  });
});
