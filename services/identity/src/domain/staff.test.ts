import { describe, expect, it } from 'vitest';
import { placementFixture, staffMemberFixture, windowFixture } from '../testing/fixtures.js';
import { accountOf, assertValidStaff, type StaffMember } from './staff.js';

function problems(staff: StaffMember, placement = placementFixture()): string[] {
  try {
    assertValidStaff(staff, placement);
    return [];
  } catch (err) {
    return (err as { details: { field: string; message: string }[] }).details.map((d) => `${d.field}: ${d.message}`);
  }
}

const clerk = (overrides: Partial<StaffMember> = {}) =>
  staffMemberFixture({ roles: ['clerk'], hall: 'hall-510100-01', windows: ['hall-510100-01-w01'], ...overrides });

describe('staff rules', () => {
  it('accepts an approver of an agency and a clerk at a window of their hall', () => {
    expect(problems(staffMemberFixture())).toEqual([]);
    expect(problems(clerk())).toEqual([]);
  });

  it('puts approvers, section chiefs and agency heads in an agency that has a seat at their org unit', () => {
    expect(problems(staffMemberFixture({ agency: undefined }), placementFixture({ agency: undefined }))).toEqual([
      'agency: approvers, section chiefs and agency heads belong to an agency',
    ]);
    expect(problems(staffMemberFixture({ agency: '教育局' }), placementFixture({ agency: undefined }))).toEqual(['agency: 教育局 has no seat at org unit 510100']);
  });

  it('keeps supervisors independent of the agencies they watch', () => {
    expect(problems(staffMemberFixture({ roles: ['supervisor'], agency: undefined }), placementFixture({ agency: undefined }))).toEqual([]);
    expect(problems(staffMemberFixture({ roles: ['supervisor'] }))).toEqual(['agency: a supervisor (电子监察) is independent of the agencies it watches']);
    expect(problems(staffMemberFixture({ roles: ['supervisor', 'approver'], agency: undefined }), placementFixture({ agency: undefined }))).toEqual([
      'agency: approvers, section chiefs and agency heads belong to an agency',
      'roles: a supervisor cannot also be approver',
    ]);
  });

  it('places clerks at a hall of their org unit, and at windows of that hall that serve their agency', () => {
    expect(problems(clerk({ hall: undefined, windows: [] }))).toEqual(['hall: required for clerks and hall administrators']);
    expect(problems(clerk(), placementFixture({ hall: { id: 'hall-510107-01', name: '武侯区', orgUnit: '510107', kind: 'HALL' } }))).toEqual([
      'hall: hall hall-510100-01 is not at org unit 510100',
    ]);
    const education = windowFixture({ id: 'hall-510100-01-w03', kind: 'AGENCY', agencies: ['教育局'] });
    expect(problems(clerk({ windows: ['hall-510100-01-w03'] }), placementFixture({ windows: [education] }))).toEqual([
      'windows: window hall-510100-01-w03 does not serve 市场监督管理局',
    ]);
    expect(problems(clerk({ windows: ['hall-510100-01-w09'] }))).toEqual(['windows: window hall-510100-01-w09 does not exist']);
    expect(problems(staffMemberFixture({ windows: ['hall-510100-01-w01'] }))).toEqual(['windows: windows belong to a hall: set the hall first']);
  });

  it('lets platform administrators sit nowhere, and refuses roles that are not staff roles', () => {
    const admin = staffMemberFixture({ roles: ['platform_admin'], orgUnit: undefined, agency: undefined });
    expect(problems(admin, { windows: [] })).toEqual([]);
    expect(problems({ ...admin, roles: ['partner'] } as unknown as StaffMember, { windows: [] })).toEqual(['roles: partner is not a staff role']);
    expect(problems(staffMemberFixture({ roles: ['approver', 'approver'] }))).toEqual(['roles: a role is listed twice']);
  });

  it('gives the identity provider the claims of the placement', () => {
    expect(accountOf(clerk())).toEqual({
      id: 'u-approver-wang', kind: 'staff', username: 'approver-wang', displayName: '王五', enabled: true,
      roles: ['clerk'], orgUnit: '510100', agency: '市场监督管理局', hall: 'hall-510100-01',
    });
  });
});
