import type { ApplicantUser, ClientApplication, StaffUser } from '../../domain/index.js';

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
    applicant: { kind: 'NaturalPerson', residentId: '510116197505171410' },
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
