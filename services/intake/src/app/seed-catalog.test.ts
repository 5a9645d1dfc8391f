import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../adapters/catalog-file.js';
import { SERVICE_ITEM_VERSIONS, storeCatalogRepository } from '../adapters/catalog-repository.js';
import { contentOf, type ServiceItem } from '../domain/service-item.js';
import { itemFixture, testStore } from '../testing/fixtures.js';
import { SeedCatalog } from './seed-catalog.js';

const bundled = fileURLToPath(new URL('../../data/catalog-sample.json', import.meta.url));

function seeding() {
  const store = testStore();
  const catalog = storeCatalogRepository(store);
  return { store, catalog, seed: new SeedCatalog(catalog) };
}

describe('SeedCatalog', () => {
  it('publishes every item of the bundled catalog as version 1', async () => {
    const { catalog, seed } = seeding();
    const { items, bundles } = await readCatalogFile(bundled);
    const result = await seed.execute(items, bundles);
    expect(result.published.map((i) => i.version)).toEqual(items.map(() => 1));
    expect(result.bundles).toBe(2);
    expect((await catalog.listBundles()).map((b) => b.code)).toEqual(['BUNDLE-COMPANY-OPENING', 'BUNDLE-NEWBORN']);
    expect((await catalog.listCurrent()).map((i) => i.code).sort()).toEqual(items.map((i) => i.code).sort());
  });

  it('adds no version when the same content is seeded again', async () => {
    const { catalog, seed } = seeding();
    const { items, bundles } = await readCatalogFile(bundled);
    await seed.execute(items, bundles);
    const again = await seed.execute(items, bundles);
    expect(again).toEqual({ published: [], unchanged: items.length, bundles: 2 });
    expect(await catalog.latest('ZRZY-QR-021')).toMatchObject({ version: 1 });
  });

  it('publishes a changed item as version 2 and keeps version 1', async () => {
    const { catalog, seed } = seeding();
    const v1 = contentOf(itemFixture());
    await seed.execute([v1]);
    const result = await seed.execute([{ ...v1, promisedLimitDays: 1 }]);
    expect(result.published.map((i) => `${i.code}@${i.version}`)).toEqual(['SCJG-DJ-001@2']);
    expect(await catalog.current('SCJG-DJ-001')).toMatchObject({ version: 2, promisedLimitDays: 1 });
    expect(await catalog.version('SCJG-DJ-001', 1)).toMatchObject({ version: 1, promisedLimitDays: 0.5 });
  });

  it('makes current a version that an interrupted run recorded but did not make current', async () => {
    const { store, catalog, seed } = seeding();
    const v1 = contentOf(itemFixture());
    await seed.execute([v1]);
    const v2 = { ...v1, promisedLimitDays: 2 };
    await store.collection<ServiceItem & { id: string }>(SERVICE_ITEM_VERSIONS).insert({ ...v2, version: 2, id: 'SCJG-DJ-001@2' });
    const result = await seed.execute([v2]);
    expect(result.unchanged).toBe(1);
    expect(await catalog.current('SCJG-DJ-001')).toMatchObject({ version: 2, promisedLimitDays: 2 });
  });

  it('gives each item one version when replicas seed at the same time', async () => {
    const { catalog, seed } = seeding();
    const { items } = await readCatalogFile(bundled);
    await Promise.all([seed.execute(items), seed.execute(items), seed.execute(items)]);
    for (const item of items) expect((await catalog.latest(item.code))?.version).toBe(1);
  });

  it('refuses a bundle naming an item the catalog does not publish, before writing it', async () => {
    const { catalog, seed } = seeding();
    const bundle = { code: 'BUNDLE-X', name: '一件事', nameEn: '', note: null, members: [{ itemCode: 'SCJG-DJ-001', name: 'a', agency: 'b' }, { itemCode: '', name: '公章刻制', agency: '公安局' }] };
    await expect(seed.execute([contentOf(itemFixture())], [bundle])).rejects.toMatchObject({ code: 'BUNDLE_INVALID' });
    expect(await catalog.listBundles()).toEqual([]);
  });
});
