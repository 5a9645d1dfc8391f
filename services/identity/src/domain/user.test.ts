import { describe, expect, it } from 'vitest';
import { applicantFixture, staffFixture } from '../testing/fixtures.js';
import { assertValidUser, normalizeUsername, rolesOf, type User } from './user.js';

function problems(user: User): string[] {
  try {
    assertValidUser(user);
    return [];
  } catch (err) {
    return (err as { details: { field: string }[] }).details.map((d) => d.field);
  }
}

describe('user rules', () => {
  it('accepts valid staff and applicants', () => {
    expect(problems(staffFixture())).toEqual([]);
    expect(problems(applicantFixture())).toEqual([]);
  });

  it('requires a hall of clerks and hall administrators', () => {
    expect(problems(staffFixture({ hall: undefined }))).toEqual(['hall']);
    expect(problems(staffFixture({ roles: ['hall_admin'], hall: undefined }))).toEqual(['hall']);
    expect(problems(staffFixture({ roles: ['approver'], hall: undefined }))).toEqual([]);
  });

  it('requires a division code of staff other than platform administrators', () => {
    expect(problems(staffFixture({ roles: ['approver'], orgUnit: undefined }))).toEqual(['orgUnit']);
    expect(problems(staffFixture({ roles: ['supervisor'], orgUnit: '5101' }))).toEqual(['orgUnit']);
    expect(problems(staffFixture({ roles: ['supervisor'], orgUnit: '510107001' }))).toEqual([]);
    expect(problems(staffFixture({ roles: ['platform_admin'], orgUnit: undefined, hall: undefined }))).toEqual([]);
  });

  it('refuses staff without roles, or with a role that is not a staff role', () => {
    expect(problems(staffFixture({ roles: [] }))).toEqual(['roles']);
    const withServiceRole = { ...staffFixture(), roles: ['clerk', 'service'] } as unknown as User;
    expect(problems(withServiceRole)).toEqual(['roles']);
  });

  it('reports every problem at once', () => {
    expect(problems(staffFixture({ username: 'Has Space', displayName: ' ', hall: undefined, orgUnit: undefined }))).toEqual([
      'username',
      'displayName',
      'orgUnit',
      'hall',
    ]);
  });

  it('gives applicants exactly the applicant role', () => {
    expect(rolesOf(applicantFixture())).toEqual(['applicant']);
    expect(rolesOf(staffFixture({ roles: ['approver', 'supervisor'] }))).toEqual(['approver', 'supervisor']);
  });

  it('normalises usernames to lower case', () => {
    expect(normalizeUsername('  Clerk-Demo ')).toBe('clerk-demo');
  });
});
