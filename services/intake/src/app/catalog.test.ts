import { describe, expect, it } from 'vitest';
import { testIntake } from '../testing/intake.js';
import { contentOf } from '../domain/service-item.js';
import { itemFixture } from '../testing/fixtures.js';

const search = (overrides: Partial<{ keyword: string; agency: string; exerciseLevel: string }> = {}) => ({
  keyword: '',
  agency: '',
  exerciseLevel: '',
  ...overrides,
});

describe('ListCatalogItems and GetCatalogItem', () => {
  it('lists current items by code', async () => {
    const { useCases } = await testIntake();
    expect((await useCases.listCatalogItems.execute(search())).map((i) => i.code)).toEqual(['SCJG-DJ-001', 'ZRZY-QR-021']);
  });

  it('filters by keyword, agency and exercise level', async () => {
    const { useCases } = await testIntake();
    const codes = async (s: ReturnType<typeof search>) => (await useCases.listCatalogItems.execute(s)).map((i) => i.code);
    expect(await codes(search({ keyword: 'real estate' }))).toEqual(['ZRZY-QR-021']);
    expect(await codes(search({ agency: '市场监督管理局' }))).toEqual(['SCJG-DJ-001']);
    expect(await codes(search({ exerciseLevel: 'COUNTY' }))).toEqual([]);
  });

  it('refuses an unknown exercise level', async () => {
    const { useCases } = await testIntake();
    await expect(useCases.listCatalogItems.execute(search({ exerciseLevel: 'GALAXY' }))).rejects.toMatchObject({
      kind: 'invalid',
      code: 'EXERCISE_LEVEL_UNKNOWN',
    });
  });

  it('shows the current version after a change is published', async () => {
    const { useCases } = await testIntake();
    await useCases.seedCatalog.execute([contentOf(itemFixture({ maxVisits: 1 }))]);
    expect(await useCases.getCatalogItem.execute('SCJG-DJ-001')).toMatchObject({ version: 2, maxVisits: 1 });
  });

  it('reports an unknown code as ITEM_NOT_FOUND', async () => {
    const { useCases } = await testIntake();
    await expect(useCases.getCatalogItem.execute('NOPE-1')).rejects.toMatchObject({ kind: 'not_found', code: 'ITEM_NOT_FOUND' });
  });
});
