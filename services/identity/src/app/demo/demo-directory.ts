import { conflict } from '@onewindow/kernel';
import {
  assertValidAgency,
  assertValidHall,
  assertValidOrgUnit,
  assertValidStaff,
  assertValidWindow,
  unitAndAncestors,
  type Agency,
  type Applicant,
  type Hall,
  type OrgUnit,
  type ServiceWindow,
  type StaffMember,
} from '../../domain/index.js';
import type { ApplicantRegistry, OrgDirectory, StaffDirectory } from '../ports.js';
import { placementOf } from '../staff/placement.js';
import { assertDemoAllowed, type DeploymentEnv } from './demo-seed.js';

/** The demo org tree, staff and applicant profiles, consistent with the demo accounts (same ids). */
export interface DemoDirectory {
  readonly orgUnits: readonly OrgUnit[];
  readonly agencies: readonly Agency[];
  readonly halls: readonly Hall[];
  readonly windows: readonly ServiceWindow[];
  readonly staff: readonly StaffMember[];
  readonly applicants: readonly Applicant[];
}

const SEEDED_AT = '2026-01-01T00:00:00.000Z';
const SCJG = '市场监督管理局';

/**
 * 四川省 510000 → 成都市 510100 → 武侯区 510107 (+ 锦江区 510104) →
 * 浆洗街街道 510107001: the Chengdu hall where the demo clerk works, a
 * sub-centre, the 武侯区 hall, agencies at city and county level, one
 * comprehensive window (综合窗口) and one agency window per hall.
 */
export function demoDirectory(): DemoDirectory {
  const member = (m: Omit<StaffMember, 'enabled' | 'createdAt' | 'updatedAt' | 'windows'> & { windows?: string[] }): StaffMember => ({
    windows: [],
    enabled: true,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
    ...m,
  });
  return {
    orgUnits: [
      { code: '510000', name: '四川省', level: 'PROVINCE' },
      { code: '510100', name: '成都市', level: 'CITY', parentCode: '510000' },
      { code: '510104', name: '锦江区', level: 'COUNTY', parentCode: '510100' },
      { code: '510107', name: '武侯区', level: 'COUNTY', parentCode: '510100' },
      { code: '510107001', name: '浆洗街街道', level: 'TOWNSHIP', parentCode: '510107' },
    ],
    agencies: [
      { id: 'scjg-510100', name: SCJG, orgUnit: '510100' },
      { id: 'zrzy-510100', name: '自然资源和规划局（不动产登记中心）', orgUnit: '510100' },
      { id: 'jtys-510100', name: '交通运输局', orgUnit: '510100' },
      { id: 'scjg-510107', name: SCJG, orgUnit: '510107' },
      { id: 'zjj-510107', name: '住房和城乡建设局', orgUnit: '510107' },
      { id: 'jyj-510107', name: '教育局', orgUnit: '510107' },
    ],
    halls: [
      { id: 'hall-510100-01', name: '成都市政务服务中心', orgUnit: '510100', kind: 'HALL', address: '成都市高新区锦城大道366号' },
      { id: 'hall-510100-02', name: '成都市政务服务中心天府分中心', orgUnit: '510100', kind: 'SUB_CENTER', parentHallId: 'hall-510100-01' },
      { id: 'hall-510107-01', name: '武侯区政务服务中心', orgUnit: '510107', kind: 'HALL' },
    ],
    windows: [
      { id: 'hall-510100-01-w01', hallId: 'hall-510100-01', name: '综合窗口 1', kind: 'COMPREHENSIVE', agencies: [], enabled: true },
      { id: 'hall-510100-01-w02', hallId: 'hall-510100-01', name: '市场监管窗口', kind: 'AGENCY', agencies: [SCJG], enabled: true },
      { id: 'hall-510107-01-w01', hallId: 'hall-510107-01', name: '综合窗口 1', kind: 'COMPREHENSIVE', agencies: [], enabled: true },
    ],
    staff: [
      member({ id: '0190a5c0-0000-7000-8000-000000000002', username: 'clerk-demo', displayName: '李四', roles: ['clerk'], orgUnit: '510100', agency: SCJG, hall: 'hall-510100-01', windows: ['hall-510100-01-w01', 'hall-510100-01-w02'] }),
      member({ id: '0190a5c0-0000-7000-8000-000000000003', username: 'approver-demo', displayName: '王五', roles: ['approver'], orgUnit: '510100', agency: SCJG }),
      member({ id: '0190a5c0-0000-7000-8000-000000000006', username: 'approver-b-demo', displayName: '陈七', roles: ['approver'], orgUnit: '510100', agency: SCJG }),
      member({ id: '0190a5c0-0000-7000-8000-000000000004', username: 'supervisor-demo', displayName: '赵六', roles: ['supervisor'], orgUnit: '510100' }),
      member({ id: '0190a5c0-0000-7000-8000-000000000005', username: 'admin-demo', displayName: '平台管理员', roles: ['platform_admin'] }),
    ],
    applicants: [
      {
        id: '0190a5c0-0000-7000-8000-000000000001',
        username: 'applicant-demo',
        displayName: '张三',
        kind: 'NaturalPerson',
        identifier: { type: 'residentId', value: '510116197505171410' },
        contacts: [{ kind: 'mobile', value: '13800000000' }],
        createdAt: SEEDED_AT,
      },
    ],
  };
}

export interface SeedDirectoryDeps {
  readonly org: OrgDirectory;
  readonly staff: StaffDirectory;
  readonly applicants: ApplicantRegistry;
}

/** Ignores "already there", so seeding runs on every start. */
async function ifAbsent(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if ((err as { kind?: string }).kind !== 'conflict') throw err;
  }
}

/**
 * Writes what is missing of the demo directory, parents first, each item
 * validated against what is already there. Refused under production.
 */
export async function seedDemoDirectory(deps: SeedDirectoryDeps, env: DeploymentEnv, directory: DemoDirectory): Promise<void> {
  assertDemoAllowed(env);
  const { org } = deps;
  for (const unit of directory.orgUnits) {
    assertValidOrgUnit(unit, (unit.parentCode ? await org.getUnit(unit.parentCode) : undefined) ?? undefined);
    await ifAbsent(() => org.insertUnit(unit));
  }
  for (const agency of directory.agencies) {
    assertValidAgency(agency, (await org.getUnit(agency.orgUnit)) ?? undefined);
    if (!(await org.getAgency(agency.id))) await ifAbsent(() => org.insertAgency(agency));
  }
  for (const hall of directory.halls) {
    assertValidHall(hall, (await org.getUnit(hall.orgUnit)) ?? undefined, (hall.parentHallId ? await org.getHall(hall.parentHallId) : null) ?? undefined);
    await ifAbsent(() => org.insertHall(hall));
  }
  for (const window of directory.windows) {
    const hall = await org.getHall(window.hallId);
    assertValidWindow(window, hall ?? undefined, hall ? await org.listAgencies(unitAndAncestors(hall.orgUnit)) : []);
    if (!(await org.getWindow(window.id))) await org.saveWindow(window);
  }
  for (const member of directory.staff) {
    assertValidStaff(member, await placementOf(org, member));
    await ifAbsent(() => deps.staff.insert(member));
  }
  for (const applicant of directory.applicants) {
    const existing = await deps.applicants.findByUsername(applicant.username);
    if (existing && existing.id !== applicant.id) throw conflict('DEMO_APPLICANT_CLASH', `${applicant.username} exists with another id`);
    if (!existing) await deps.applicants.insert(applicant);
  }
}
