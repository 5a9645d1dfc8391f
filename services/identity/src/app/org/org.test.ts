import { describe, expect, it } from 'vitest';
import { demo, principal, rejection, testIdentity } from '../../testing/identity.js';

const hallAdmin = principal('u-hall-admin-wuhou', 'hall-admin-wuhou', ['hall_admin'], { orgUnit: '510107', hall: 'hall-510107-01' });

describe('the org tree', () => {
  it('is seeded from 四川省 down to a township, consistent with the demo accounts', async () => {
    const { useCases } = await testIdentity();
    expect((await useCases.listOrgUnits.execute(demo.applicant, '')).map((u) => u.code)).toEqual(['510000']);
    expect((await useCases.listOrgUnits.execute(demo.clerk, '510100')).map((u) => u.code).sort()).toEqual(['510104', '510107']);
    expect(await useCases.getOrgUnit.execute(demo.clerk, '510107001')).toEqual({ code: '510107001', name: '浆洗街街道', level: 'TOWNSHIP', parentCode: '510107' });
    expect((await useCases.listHalls.execute(demo.clerk, '510100')).map((h) => h.id).sort()).toEqual(['hall-510100-01', 'hall-510100-02', 'hall-510107-01']);
    expect((await useCases.listHalls.execute(demo.clerk, '510107')).map((h) => h.id)).toEqual(['hall-510107-01']);
  });

  it('grows only by platform administrators, each unit under the parent its code names', async () => {
    const { useCases, recorded } = await testIdentity();
    expect(await useCases.createOrgUnit.execute(demo.admin, { code: '510108', name: '成华区', level: '', parentCode: '' })).toEqual({
      code: '510108', name: '成华区', level: 'COUNTY', parentCode: '510100',
    });
    expect(recorded.at(-1)).toMatchObject({ action: 'identity.org-unit.create', resource: 'org-unit:510108', actor: { subject: demo.admin.subject } });
    expect(await rejection(useCases.createOrgUnit.execute(demo.supervisor, { code: '510109', name: 'x', level: '', parentCode: '' }))).toMatchObject({ kind: 'forbidden' });
    expect(await rejection(useCases.createOrgUnit.execute(demo.admin, { code: '520102', name: '南明区', level: '', parentCode: '' }))).toMatchObject({
      code: 'ORG_UNIT_INVALID',
      details: [{ field: 'parentCode', message: 'org unit 520100 does not exist' }],
    });
    expect(await rejection(useCases.createOrgUnit.execute(demo.admin, { code: '510108', name: '成华区', level: '', parentCode: '' }))).toMatchObject({ kind: 'conflict' });
  });

  it('seats agencies once per org unit, and opens halls whose id carries their unit', async () => {
    const { useCases } = await testIdentity();
    await useCases.createAgency.execute(demo.admin, { id: 'gaj-510107', name: '公安局', orgUnit: '510107' });
    expect(await rejection(useCases.createAgency.execute(demo.admin, { id: 'gaj-510107-b', name: '公安局', orgUnit: '510107' }))).toMatchObject({ code: 'AGENCY_EXISTS' });
    expect((await useCases.listAgencies.execute(demo.clerk, '510107')).map((a) => a.name)).toContain('公安局');
    const input = { id: 'hall-510104-01', name: '锦江区政务服务中心', orgUnit: '510104', kind: 'HALL', parentHallId: '', address: '' };
    expect(await useCases.createHall.execute(demo.admin, input)).toEqual({ id: 'hall-510104-01', name: '锦江区政务服务中心', orgUnit: '510104', kind: 'HALL' });
    expect(await rejection(useCases.createHall.execute(demo.admin, { ...input, id: 'hall-510100-09' }))).toMatchObject({ code: 'HALL_INVALID' });
  });
});

describe('windows', () => {
  it('are opened by the hall administrator of that hall, and nobody else below platform level', async () => {
    const { useCases } = await testIdentity();
    const window = { id: 'hall-510107-01-w02', hallId: 'hall-510107-01', name: '住建窗口', kind: 'AGENCY' as const, agencies: ['住房和城乡建设局'], enabled: true };
    expect(await useCases.saveWindow.execute(hallAdmin, window)).toEqual(window);
    expect(await rejection(useCases.saveWindow.execute(hallAdmin, { ...window, id: 'hall-510100-01-w05', hallId: 'hall-510100-01' }))).toMatchObject({
      kind: 'forbidden',
      message: 'hall_admin: not their hall',
    });
    expect(await rejection(useCases.saveWindow.execute(demo.clerk, window))).toMatchObject({ kind: 'forbidden' });
    const changed = await useCases.saveWindow.execute(demo.admin, { ...window, kind: 'COMPREHENSIVE', agencies: [] });
    expect((await useCases.listWindows.execute(demo.clerk, 'hall-510107-01')).find((w) => w.id === window.id)).toEqual(changed);
  });

  it('serve agencies of the hall’s unit or above it, never of a sibling unit', async () => {
    const { useCases } = await testIdentity();
    const cityAgency = { id: 'hall-510107-01-w03', hallId: 'hall-510107-01', name: '交通窗口', kind: 'AGENCY' as const, agencies: ['交通运输局'], enabled: true };
    await expect(useCases.saveWindow.execute(demo.admin, cityAgency)).resolves.toBeDefined();
    await useCases.createAgency.execute(demo.admin, { id: 'swj-510104', name: '商务局', orgUnit: '510104' });
    expect(await rejection(useCases.saveWindow.execute(demo.admin, { ...cityAgency, agencies: ['商务局'] }))).toMatchObject({ code: 'WINDOW_INVALID' });
  });
});
