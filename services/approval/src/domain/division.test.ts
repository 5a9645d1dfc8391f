import { describe, expect, it } from 'vitest';
import { cityOf, levelOf, orgUnitAt, provinceOf } from './division.js';

describe('division codes (GB/T 2260)', () => {
  it('finds the city of a county by its code: 武侯区 510107 → 成都市 510100', () => {
    expect(cityOf('510107')).toBe('510100');
    expect(levelOf('510107')).toBe('COUNTY');
  });

  it('keeps a city and a province as their own city', () => {
    expect(cityOf('510100')).toBe('510100');
    expect(cityOf('510000')).toBe('510000');
    expect(provinceOf('510107')).toBe('510000');
    expect(levelOf('510000')).toBe('PROVINCE');
  });

  it('places a workflow step at the case, its city or its province', () => {
    expect(orgUnitAt('510107', 'CASE')).toBe('510107');
    expect(orgUnitAt('510107', 'CITY')).toBe('510100');
    expect(orgUnitAt('510107', 'PROVINCE')).toBe('510000');
  });

  it('refuses what is not a division code', () => {
    for (const bad of ['51010', 'hall-1', '', '000000']) expect(() => cityOf(bad)).toThrow(expect.objectContaining({ code: 'ORG_UNIT_INVALID' }));
  });
});
