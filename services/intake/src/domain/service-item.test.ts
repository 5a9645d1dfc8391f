import { DomainError } from '@onewindow/kernel/errors';
import { describe, expect, it } from 'vitest';
import { feeItemFixture, itemFixture } from '../testing/fixtures.js';
import {
  contentOf,
  feeForCase,
  matchesCatalogQuery,
  missingMaterials,
  nextVersion,
  sameContent,
} from './service-item.js';

describe('nextVersion', () => {
  it('publishes a new item as version 1', () => {
    expect(nextVersion(null, contentOf(itemFixture()))?.version).toBe(1);
  });

  it('publishes nothing for content already published, whatever the key order', () => {
    const published = itemFixture({ version: 4 });
    const reordered = Object.fromEntries(Object.entries(contentOf(published)).reverse()) as typeof published;
    expect(nextVersion(published, reordered)).toBeNull();
  });

  it('publishes changed content as the next version', () => {
    const published = itemFixture({ version: 4 });
    const next = nextVersion(published, { ...contentOf(published), promisedLimitDays: 1 });
    expect(next).toMatchObject({ version: 5, promisedLimitDays: 1 });
  });

  it('refuses an item whose promised limit exceeds its statutory limit, naming every bad field', () => {
    const attempt = () => nextVersion(null, { ...contentOf(itemFixture()), promisedLimitDays: 9, maxVisits: -1 });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (err) {
      expect((err as DomainError).details.map((d) => d.field)).toEqual(['promisedLimitDays', 'maxVisits']);
    }
  });
});

describe('sameContent', () => {
  it('sees a change in a nested material', () => {
    const item = itemFixture();
    const changed = { ...item, requiredMaterials: item.requiredMaterials.map((m, i) => (i === 0 ? { ...m, copies: 2 } : m)) };
    expect(sameContent(item, changed)).toBe(false);
  });

  it('ignores the version', () => {
    expect(sameContent(itemFixture({ version: 1 }), itemFixture({ version: 7 }))).toBe(true);
  });
});

describe('feeForCase', () => {
  it('is null for an item without a fee', () => {
    expect(feeForCase(itemFixture(), { propertyUse: 'non-residential' })).toBeNull();
  });

  it('defaults to the first per-case rule (residential)', () => {
    expect(feeForCase(feeItemFixture(), {})).toEqual({ amountFen: 8000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' });
  });

  it('picks the rule named by propertyUse', () => {
    expect(feeForCase(feeItemFixture(), { propertyUse: 'non-residential' })?.amountFen).toBe(55000);
  });

  it('never picks a per-certificate rule as the case fee', () => {
    expect(() => feeForCase(feeItemFixture(), { propertyUse: 'extraCertificate' })).toThrow(/propertyUse must be one of/);
  });
});

describe('missingMaterials', () => {
  it('lists required materials not given, in catalog order', () => {
    expect(missingMaterials(itemFixture(), ['M02'])).toEqual(['M01', 'M03']);
  });

  it('does not count optional materials as missing', () => {
    const item = itemFixture();
    const optionalM03 = { ...item, requiredMaterials: item.requiredMaterials.map((m) => (m.code === 'M03' ? { ...m, required: false } : m)) };
    expect(missingMaterials(optionalM03, ['M01', 'M02'])).toEqual([]);
  });
});

describe('matchesCatalogQuery', () => {
  const item = itemFixture();

  it.each(['企业设立', 'ESTABLISHMENT', 'scjg-dj'])('matches the keyword %s in name, English name or code', (keyword) => {
    expect(matchesCatalogQuery(item, { keyword })).toBe(true);
  });

  it('does not match a keyword found nowhere', () => {
    expect(matchesCatalogQuery(item, { keyword: '户口' })).toBe(false);
  });

  it('filters by agency and exercise level exactly', () => {
    expect(matchesCatalogQuery(item, { agency: '市场监督管理局', exerciseLevel: 'CITY' })).toBe(true);
    expect(matchesCatalogQuery(item, { agency: '公安局' })).toBe(false);
    expect(matchesCatalogQuery(item, { exerciseLevel: 'COUNTY' })).toBe(false);
  });
});
