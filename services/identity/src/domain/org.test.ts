import { describe, expect, it } from 'vitest';
import { CHENGDU, CHENGDU_HALL, SCJG, windowFixture } from '../testing/fixtures.js';
import { assertValidHall, assertValidOrgUnit, assertValidWindow, unitAndAncestors, windowServes, type Hall, type OrgUnit } from './org.js';

function fields(fn: () => void): string[] {
  try {
    fn();
    return [];
  } catch (err) {
    return (err as { details: { field: string }[] }).details.map((d) => d.field);
  }
}

const SICHUAN: OrgUnit = { code: '510000', name: '四川省', level: 'PROVINCE' };

describe('org units', () => {
  it('accepts a province, and children whose code starts with their parent’s', () => {
    expect(fields(() => assertValidOrgUnit(SICHUAN, undefined))).toEqual([]);
    expect(fields(() => assertValidOrgUnit(CHENGDU, SICHUAN))).toEqual([]);
    expect(fields(() => assertValidOrgUnit({ code: '510107', name: '武侯区', level: 'COUNTY', parentCode: '510100' }, CHENGDU))).toEqual([]);
    const county = { code: '510107', name: '武侯区', level: 'COUNTY', parentCode: '510100' } as const;
    expect(fields(() => assertValidOrgUnit({ code: '510107001', name: '浆洗街街道', level: 'TOWNSHIP', parentCode: '510107' }, county))).toEqual([]);
    expect(fields(() => assertValidOrgUnit({ code: '510107001002', name: '某社区', level: 'VILLAGE', parentCode: '510107001' }, county))).toEqual([]);
  });

  it('refuses a parent whose code the child does not extend, and a level the code does not have', () => {
    expect(() => assertValidOrgUnit({ code: '510107', name: '武侯区', level: 'COUNTY', parentCode: '510000' }, SICHUAN)).toThrow(
      expect.objectContaining({ code: 'ORG_UNIT_INVALID', details: [{ field: 'parentCode', message: 'the parent of 510107 is 510100' }] }),
    );
    expect(fields(() => assertValidOrgUnit({ code: '510100', name: '成都市', level: 'COUNTY', parentCode: '510000' }, SICHUAN))).toEqual(['level']);
    expect(fields(() => assertValidOrgUnit({ code: '510100', name: '成都市', level: 'CITY', parentCode: '510000' }, undefined))).toEqual(['parentCode']);
    expect(fields(() => assertValidOrgUnit({ ...SICHUAN, parentCode: '000000' }, undefined))).toEqual(['parentCode']);
  });

  it('refuses malformed codes and blank names', () => {
    expect(fields(() => assertValidOrgUnit({ code: '5101', name: ' ', level: 'CITY' }, undefined))).toEqual(['name', 'code']);
    expect(fields(() => assertValidOrgUnit({ code: '510107000', name: 'x', level: 'TOWNSHIP', parentCode: '510107' }, CHENGDU))).toEqual(['code']);
  });

  it('lists a unit and every unit above it', () => {
    expect(unitAndAncestors('510107001')).toEqual(['510107001', '510107', '510100', '510000']);
  });
});

describe('halls', () => {
  const subCentre: Hall = { id: 'hall-510107-02', name: '分中心', orgUnit: '510107', kind: 'SUB_CENTER', parentHallId: 'hall-510100-01' };

  it('requires the id to carry the hall’s division code', () => {
    expect(fields(() => assertValidHall(CHENGDU_HALL, CHENGDU, undefined))).toEqual([]);
    expect(fields(() => assertValidHall({ ...CHENGDU_HALL, id: 'hall-510107-01' }, CHENGDU, undefined))).toEqual(['id']);
    expect(fields(() => assertValidHall({ ...CHENGDU_HALL, id: 'chengdu-hall' }, CHENGDU, undefined))).toEqual(['id']);
  });

  it('puts a sub-centre under a hall of its unit or above it', () => {
    const wuhou = { code: '510107', name: '武侯区', level: 'COUNTY', parentCode: '510100' } as const;
    expect(fields(() => assertValidHall(subCentre, wuhou, CHENGDU_HALL))).toEqual([]);
    expect(fields(() => assertValidHall(subCentre, wuhou, undefined))).toEqual(['parentHallId']);
    expect(fields(() => assertValidHall(subCentre, wuhou, { ...CHENGDU_HALL, kind: 'SUB_CENTER' }))).toEqual(['parentHallId']);
    expect(fields(() => assertValidHall({ ...CHENGDU_HALL, parentHallId: 'hall-510000-01' }, CHENGDU, undefined))).toEqual(['parentHallId']);
    const elsewhere = { ...subCentre, id: 'hall-440300-02', orgUnit: '440300' };
    expect(fields(() => assertValidHall(elsewhere, { code: '440300', name: '深圳市', level: 'CITY', parentCode: '440000' }, CHENGDU_HALL))).toEqual(['parentHallId']);
  });
});

describe('windows', () => {
  it('serves every agency when comprehensive, the listed ones otherwise', () => {
    expect(fields(() => assertValidWindow(windowFixture(), CHENGDU_HALL, [SCJG]))).toEqual([]);
    const agencyWindow = windowFixture({ id: 'hall-510100-01-w02', kind: 'AGENCY', agencies: [SCJG.name] });
    expect(fields(() => assertValidWindow(agencyWindow, CHENGDU_HALL, [SCJG]))).toEqual([]);
    expect(windowServes(windowFixture(), '交通运输局')).toBe(true);
    expect(windowServes(agencyWindow, '交通运输局')).toBe(false);
  });

  it('refuses agencies that have no seat in the hall’s unit, agencies on a comprehensive window, and foreign ids', () => {
    expect(fields(() => assertValidWindow(windowFixture({ kind: 'AGENCY', agencies: ['教育局'] }), CHENGDU_HALL, [SCJG]))).toEqual(['agencies']);
    expect(fields(() => assertValidWindow(windowFixture({ kind: 'AGENCY' }), CHENGDU_HALL, [SCJG]))).toEqual(['agencies']);
    expect(fields(() => assertValidWindow(windowFixture({ agencies: [SCJG.name] }), CHENGDU_HALL, [SCJG]))).toEqual(['agencies']);
    expect(fields(() => assertValidWindow(windowFixture({ id: 'hall-510107-01-w01' }), CHENGDU_HALL, [SCJG]))).toEqual(['id']);
    expect(fields(() => assertValidWindow(windowFixture(), undefined, []))).toEqual(['hallId']);
  });
});
