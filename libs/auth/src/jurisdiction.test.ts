import { describe, expect, it } from 'vitest';
import { divisionLevel, divisionPrefix, hallDivision, isWithinDivision, parentDivisionCode } from './jurisdiction.js';

describe('division codes', () => {
  it.each([
    ['510000', 'PROVINCE', '51', undefined],
    ['510100', 'CITY', '5101', '510000'],
    ['510107', 'COUNTY', '510107', '510100'],
    ['510107001', 'TOWNSHIP', '510107001', '510107'],
    ['510107001002', 'VILLAGE', '510107001002', '510107001'],
    ['441900003', 'TOWNSHIP', '441900003', '441900'],
  ])('%s is a %s with prefix %s under %s', (code, level, prefix, parent) => {
    expect(divisionLevel(code)).toBe(level);
    expect(divisionPrefix(code)).toBe(prefix);
    expect(parentDivisionCode(code)).toBe(parent);
  });

  it.each(['', '51', '5101', '51010', '5101000', '000000', '001100', '510107000', '510107001000', '51010a', ' 510100', '5101070010021'])(
    'refuses %j',
    (code) => {
      expect(divisionLevel(code)).toBeUndefined();
      expect(divisionPrefix(code)).toBeUndefined();
    },
  );

  it('places a code in the subtree of its ancestors only', () => {
    expect(isWithinDivision('510000', '510107001')).toBe(true);
    expect(isWithinDivision('510100', '510107')).toBe(true);
    expect(isWithinDivision('510107', '510107')).toBe(true);
    expect(isWithinDivision('510107', '510100')).toBe(false);
    expect(isWithinDivision('510100', '520100')).toBe(false);
    expect(isWithinDivision(undefined, '510100')).toBe(false);
    expect(isWithinDivision('510100', undefined)).toBe(false);
    expect(isWithinDivision('510100', '5101')).toBe(false);
  });

  it('reads the division code a hall id carries', () => {
    expect(hallDivision('hall-510100-01')).toBe('510100');
    expect(hallDivision('hall-510107001-a')).toBe('510107001');
    expect(hallDivision('hall-5101-01')).toBeUndefined();
    expect(hallDivision('hall-510100')).toBeUndefined();
    expect(hallDivision('window-510100-01')).toBeUndefined();
    expect(hallDivision(undefined)).toBeUndefined();
  });
});
