import { describe, expect, it } from 'vitest';
import type { Bundle } from '../domain/bundle.js';
import { announced, applicantFixture, clerkFixture } from '../testing/fixtures.js';
import { testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const bundle: Bundle = {
  code: 'BUNDLE-TEST',
  name: '测试一件事',
  nameEn: 'Test bundle',
  note: null,
  members: [
    { itemCode: 'SCJG-DJ-001', name: '企业设立登记', agency: '市场监督管理局' },
    { itemCode: 'ZRZY-QR-021', name: '国有建设用地使用权及房屋所有权转移登记', agency: '自然资源和规划局（不动产登记中心）' },
  ],
};
const command = { bundleCode: 'BUNDLE-TEST', idempotencyKey: '', hall: '', form: { propertyUse: 'residential' }, materials: [], commitments: [], applicant: null };

describe('bundle applications (一件事一次办)', () => {
  it('lists the published bundles publicly', async () => {
    const { useCases } = await testIntake({ bundles: [bundle] });
    expect((await useCases.listBundles.execute()).map((b) => b.code)).toEqual(['BUNDLE-TEST']);
  });

  it('fans one application out to one case per item, each at its own agency with its own number, one form for all', async () => {
    const { store, useCases, material } = await testIntake({ bundles: [bundle] });
    const m01 = await material(applicant, 'M01');
    const { application, cases } = await useCases.submitBundleApplication.execute(applicant, { ...command, materials: [{ ...m01, itemCode: 'SCJG-DJ-001' }] });
    expect(cases.map((c) => [c.itemCode, c.agency, c.status, c.bundleApplicationId])).toEqual([
      ['SCJG-DJ-001', '市场监督管理局', 'SUBMITTED', application.id],
      ['ZRZY-QR-021', '自然资源和规划局（不动产登记中心）', 'SUBMITTED', application.id],
    ]);
    expect(cases[0]?.materials).toEqual([m01]);
    expect(cases[1]?.form).toEqual({ propertyUse: 'residential' });
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(2);
    expect((await announced(store)).map((e) => e.data['bundleApplicationId'])).toEqual([application.id, application.id]);
  });

  it('comes back as one delivery: in progress until every case has ended', async () => {
    const { useCases } = await testIntake({ bundles: [bundle] });
    const { application, cases } = await useCases.submitBundleApplication.execute(applicant, command);
    const [first, second] = cases;
    await useCases.acceptCase.execute(clerkFixture(), { caseId: first?.id ?? '', opinion: '' });
    await useCases.recordLicenceIssued.execute(first?.id ?? '', { licenceId: 'L-1', issuedAt: '2026-01-05T05:00:00.000Z' });
    expect((await useCases.getBundleApplication.execute(applicant, application.id)).delivery.status).toBe('IN_PROGRESS');
    await useCases.rejectCase.execute(clerkFixture(), { caseId: second?.id ?? '', reason: '不符合条件', legalBasis: ['《不动产登记暂行条例》第二十二条'] });
    const { delivery } = await useCases.getBundleApplication.execute(applicant, application.id);
    expect(delivery).toMatchObject({ status: 'DELIVERED', members: [{ outcome: 'APPROVED', licenceId: 'L-1' }, { outcome: 'NOT_ACCEPTED' }] });
  });

  it('returns the same application to a replay of its Idempotency-Key, creating nothing twice', async () => {
    const { store, useCases } = await testIntake({ bundles: [bundle] });
    const first = await useCases.submitBundleApplication.execute(applicant, { ...command, idempotencyKey: 'b-1' });
    const again = await useCases.submitBundleApplication.execute(applicant, { ...command, idempotencyKey: 'b-1' });
    expect(again.application.id).toBe(first.application.id);
    expect(again.cases.map((c) => c.id)).toEqual(first.cases.map((c) => c.id));
    expect(await announced(store)).toHaveLength(2);
  });

  it('refuses an unknown bundle, a material for an item outside it, and another applicant reading it', async () => {
    const { useCases } = await testIntake({ bundles: [bundle] });
    await expect(useCases.submitBundleApplication.execute(applicant, { ...command, bundleCode: 'BUNDLE-NOPE' })).rejects.toMatchObject({ code: 'BUNDLE_UNKNOWN' });
    await expect(
      useCases.submitBundleApplication.execute(applicant, { ...command, materials: [{ itemCode: 'GA-QR-031', code: 'M01', fileId: 'f', licenceId: null }] }),
    ).rejects.toMatchObject({ code: 'CASE_INVALID' });
    const { application } = await useCases.submitBundleApplication.execute(applicant, command);
    await expect(useCases.getBundleApplication.execute(applicantFixture({ subject: 'u-applicant-li' }), application.id)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
