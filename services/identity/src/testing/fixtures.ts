import type {
  Agency,
  Applicant,
  ApplicantUser,
  ClientApplication,
  Delegation,
  Hall,
  OrgUnit,
  Placement,
  RandomSource,
  ServiceWindow,
  StaffMember,
  StaffUser,
} from '../domain/index.js';

/** Fixture builders: a valid object by default, overridden field by field. */
export function staffFixture(overrides: Partial<StaffUser> = {}): StaffUser {
  return {
    id: 'u-clerk',
    kind: 'staff',
    username: 'clerk-one',
    displayName: '李四',
    enabled: true,
    roles: ['clerk'],
    orgUnit: '510100',
    agency: '市场监督管理局',
    hall: 'hall-510100-01',
    ...overrides,
  };
}

export function applicantFixture(overrides: Partial<ApplicantUser> = {}): ApplicantUser {
  return {
    id: 'u-applicant',
    kind: 'applicant',
    username: 'applicant-one',
    displayName: '张三',
    enabled: true,
    ...overrides,
  };
}

export function clientFixture(overrides: Partial<ClientApplication> = {}): ClientApplication {
  return {
    id: 'c-services',
    clientId: 'services-one',
    kind: 'confidential',
    grants: ['client_credentials'],
    serviceAccountRoles: ['service'],
    enabled: true,
    secretHash: 'scrypt$1024$8$1$placeholder$placeholder',
    ...overrides,
  };
}

export function staffMemberFixture(overrides: Partial<StaffMember> = {}): StaffMember {
  return {
    id: 'u-approver-wang',
    username: 'approver-wang',
    displayName: '王五',
    roles: ['approver'],
    orgUnit: '510100',
    agency: '市场监督管理局',
    windows: [],
    enabled: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export const CHENGDU: OrgUnit = { code: '510100', name: '成都市', level: 'CITY', parentCode: '510000' };
export const SCJG: Agency = { id: 'scjg-510100', name: '市场监督管理局', orgUnit: '510100' };
export const CHENGDU_HALL: Hall = { id: 'hall-510100-01', name: '成都市政务服务中心', orgUnit: '510100', kind: 'HALL' };

export function windowFixture(overrides: Partial<ServiceWindow> = {}): ServiceWindow {
  return { id: 'hall-510100-01-w01', hallId: 'hall-510100-01', name: '综合窗口 1', kind: 'COMPREHENSIVE', agencies: [], enabled: true, ...overrides };
}

/** Where the fixture staff member sits, as the directory would find it. */
export function placementFixture(overrides: Partial<Placement> = {}): Placement {
  return { orgUnit: CHENGDU, agency: SCJG, hall: CHENGDU_HALL, windows: [windowFixture()], ...overrides };
}

export function delegationFixture(overrides: Partial<Delegation> = {}): Delegation {
  return {
    id: 'dlg-1',
    principalId: 'u-approver-wang',
    principalUsername: 'approver-wang',
    substituteId: 'u-approver-chen',
    substituteUsername: 'approver-chen',
    orgUnit: '510100',
    agency: '市场监督管理局',
    role: 'approver',
    from: '2026-03-03T00:00:00.000Z',
    until: '2026-03-10T00:00:00.000Z',
    reason: '出差',
    createdAt: '2026-03-02T02:00:00.000Z',
    createdBy: 'u-approver-wang',
    ...overrides,
  };
}

/** An applicant's profile (the registry's view, identifier in clear as in memory). */
export function applicantProfileFixture(overrides: Partial<Applicant> = {}): Applicant {
  return {
    id: 'u-applicant',
    username: 'applicant-one',
    displayName: '张三',
    kind: 'NaturalPerson',
    identifier: { type: 'residentId', value: '11010519491231002X' },
    contacts: [{ kind: 'mobile', value: '13912345678' }, { kind: 'email', value: 'zhang@example.com' }],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/**
 * A random source that answers 4-byte draws from the list, as big-endian
 * numbers (then repeats the last), and any other length with 0xab bytes.
 */
export function scriptedRandom(...draws: number[]): RandomSource {
  let next = 0;
  return {
    bytes(length) {
      if (length !== 4) return new Uint8Array(length).fill(0xab);
      const draw = draws[Math.min(next++, draws.length - 1)] ?? 0;
      const bytes = Buffer.alloc(4);
      bytes.writeUInt32BE(draw);
      return new Uint8Array(bytes);
    },
  };
}
