import { fileURLToPath } from 'node:url';
import { DomainError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { parseCatalog, readCatalogFile } from './catalog-file.js';

const bundled = fileURLToPath(new URL('../../data/catalog-sample.json', import.meta.url));

describe('catalog file', () => {
  it('reads every item of the bundled sample, coded by its baseCode', async () => {
    const items = await readCatalogFile(bundled);
    expect(items.map((i) => i.code)).toEqual([
      'SCJG-DJ-001',
      'SCJG-XK-014',
      'ZJ-XK-003',
      'ZRZY-QR-021',
      'JY-XK-002',
      'JT-XK-011',
      'GJJ-GG-007',
      'GA-QR-031',
    ]);
  });

  it('maps the fee standard, licence reuse and absent licence types', async () => {
    const items = await readCatalogFile(bundled);
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
    expect(transfer?.requiredMaterials[1]?.replaceableByLicenceType).toBe('RESIDENT_ID');
    expect(items.find((i) => i.code === 'GJJ-GG-007')).toMatchObject({ fee: null, resultLicenceType: null, crossProvince: ['fullyOnline', 'remoteIntake'] });
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
