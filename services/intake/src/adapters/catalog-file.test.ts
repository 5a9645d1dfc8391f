import { fileURLToPath } from 'node:url';
import { DomainError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { parseCatalog, readCatalogFile } from './catalog-file.js';

const bundled = fileURLToPath(new URL('../../data/catalog-sample.json', import.meta.url));
// The sample exactly as the shared domain folder publishes it (copied: tests never read outside the repository).
const published = fileURLToPath(new URL('./fixtures/catalog-sample.published.json', import.meta.url));

describe('catalog file', () => {
  it('reads every item of the bundled catalog, coded by its baseCode, with the bundle members intake adds', async () => {
    const { items } = await readCatalogFile(bundled);
    expect(items.map((i) => i.code).slice(0, 8)).toEqual(['SCJG-DJ-001', 'SCJG-XK-014', 'ZJ-XK-003', 'ZRZY-QR-021', 'JY-XK-002', 'JT-XK-011', 'GJJ-GG-007', 'GA-QR-031']);
    expect(items).toHaveLength(18);
  });

  it('maps the published elements: fee standard, licence reuse, commitments, conditions, procedure, implementation code', async () => {
    const { items } = await readCatalogFile(bundled);
    const transfer = items.find((i) => i.code === 'ZRZY-QR-021');
    expect(transfer?.fee).toEqual({
      feeBasis: '发改价格规〔2016〕2559号',
      collectingAgency: '不动产登记中心',
      rules: [
        { when: 'residential', amountFen: 8000, per: 'case' },
        { when: 'non-residential', amountFen: 55000, per: 'case' },
        { when: 'extraCertificate', amountFen: 1000, per: 'certificate' },
      ],
    });
    expect(transfer?.requiredMaterials[1]).toMatchObject({ replaceableByLicenceType: 'RESIDENT_ID', form: 'PAPER_OR_ELECTRONIC', commitmentAllowed: false });
    const company = items.find((i) => i.code === 'SCJG-DJ-001');
    expect(company?.requiredMaterials.find((m) => m.code === 'M05')).toMatchObject({ commitmentAllowed: true });
    expect(company).toMatchObject({ implementationCode: 'SCJG-DJ-001-510100-00', procedure: expect.arrayContaining(['窗口受理']) });
    expect(company?.acceptanceConditions.length).toBeGreaterThan(0);
    expect(items.find((i) => i.code === 'GJJ-GG-007')).toMatchObject({ fee: null, resultLicenceType: null, crossProvince: ['fullyOnline', 'remoteIntake'] });
  });

  it('reads both bundles with every member resolved to a catalog item', async () => {
    const { items, bundles } = await readCatalogFile(bundled);
    const codes = new Set(items.map((i) => i.code));
    expect(bundles.map((b) => b.code)).toEqual(['BUNDLE-NEWBORN', 'BUNDLE-COMPANY-OPENING']);
    for (const b of bundles) for (const m of b.members) expect(codes.has(m.itemCode)).toBe(true);
    expect(bundles[1]?.members[0]).toEqual({ itemCode: 'SCJG-DJ-001', name: '企业设立登记', agency: '市场监督管理局' });
  });

  it('reads the shared sample as published, resolving bundle members by name and agency where it can', async () => {
    const { items, bundles } = await readCatalogFile(published);
    expect(items).toHaveLength(8);
    expect(items[0]).toMatchObject({ implementationCode: 'SCJG-DJ-001', acceptanceConditions: [], procedure: [] });
    expect(bundles[1]?.members.map((m) => m.itemCode)).toEqual(['SCJG-DJ-001', '', '', '', '', '']);
  });

  it('names every bad field of a broken catalog', () => {
    const broken = { items: [{ baseCode: 'X-1', name: '', itemType: 'MAGIC' }] };
    try {
      parseCatalog(broken);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      const fields = (err as DomainError).details.map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['items.0.name', 'items.0.itemType', 'items.0.requiredMaterials']));
    }
  });
});
