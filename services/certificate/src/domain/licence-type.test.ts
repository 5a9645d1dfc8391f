import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillFields, licenceTypeOf, readLicenceTypeCatalog, validUntil } from './licence-type.js';

const shipped = JSON.parse(readFileSync(new URL('../../licence-types/licence-types.json', import.meta.url), 'utf8')) as unknown;

describe('licence types as data', () => {
  it('reads the shipped catalog, with the common GB/T 36903 elements', () => {
    const read = readLicenceTypeCatalog(shipped);
    if (!('catalog' in read)) throw new Error(read.problems.join('; '));
    expect(read.catalog.commonElements.map((e) => e.name)).toEqual(
      expect.arrayContaining(['holderName', 'holderIdType', 'holderIdNumber', 'issuerName', 'issuerUscc', 'issuedAt', 'validUntil']),
    );
    const food = licenceTypeOf(read.catalog, 'FOOD_BUSINESS_LICENCE');
    expect([food.name, food.validityYears]).toEqual(['食品经营许可证', 5]);
    expect(fillFields(food, { itemName: '食品经营许可', itemCode: 'X', caseNumber: 'N' })).toEqual({
      licensedItem: '食品经营许可',
      businessScope: '预包装食品销售（含冷藏冷冻食品）',
    });
  });

  it('says everything wrong with a bad catalog', () => {
    const read = readLicenceTypeCatalog({
      commonElements: [{ name: 'holderName' }],
      types: [
        { type: 'A', name: '甲', validityYears: -1, fields: [{ name: 'f', label: 'F' }] },
        { type: 'A', name: '甲', validityYears: 1, fields: [{ name: 'g', label: 'G', from: 'password' }] },
      ],
    });
    expect('problems' in read && read.problems).toEqual([
      'commonElements[0]: needs a name and a label',
      'types[0]: validityYears must be 0 or more',
      'types[0].fields[0]: needs exactly one of from and value',
      'types[1]: A is listed twice',
      'types[1].fields[0]: from must be one of itemName, itemCode, caseNumber',
    ]);
  });

  it('gives an unlisted type a licence without an end, and counts validity in calendar years', () => {
    expect(licenceTypeOf({ commonElements: [], types: [] }, 'NEW_PERMIT')).toMatchObject({ name: 'NEW_PERMIT', validityYears: 0 });
    expect(validUntil(new Date('2026-03-12T07:00:00Z'), 5)).toBe('2031-03-12T07:00:00.000Z');
    expect(validUntil(new Date('2026-03-12T07:00:00Z'), 0)).toBe('');
  });
});
