import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, caseFixture, errorOf } from '../testing/fixtures.js';
import { bundleDelivery, defineBundle, type Bundle, type BundleApplication } from './bundle.js';

const bundle: Bundle = {
  code: 'BUNDLE-COMPANY-OPENING',
  name: '企业开办一件事',
  nameEn: 'Company opening bundle',
  note: null,
  members: [
    { itemCode: 'SCJG-DJ-001', name: '企业设立登记', agency: '市场监督管理局' },
    { itemCode: 'ZRZY-QR-021', name: '不动产登记', agency: '自然资源和规划局' },
  ],
};

const application: BundleApplication = {
  id: 'bundle-app-1',
  bundleCode: bundle.code,
  bundleName: bundle.name,
  applicantId: 'u-applicant-zhang',
  applicantName: '张三',
  filedBySubject: 'u-applicant-zhang',
  filedByAgent: false,
  hall: 'hall-510100-01',
  members: [
    { itemCode: 'SCJG-DJ-001', caseId: 'c-1', caseNumber: 'OW-1' },
    { itemCode: 'ZRZY-QR-021', caseId: 'c-2', caseNumber: 'OW-2' },
  ],
  idempotencyKey: null,
  createdAt: '2026-01-05T02:00:00.000Z',
};

describe('bundles (一件事)', () => {
  it('accepts a bundle whose members are all published items', () => {
    expect(defineBundle(bundle, new Set(['SCJG-DJ-001', 'ZRZY-QR-021']))).toBe(bundle);
  });

  it('refuses a bundle naming an item the catalog does not have, or a single item', () => {
    const err = errorOf(() => defineBundle(bundle, new Set(['SCJG-DJ-001'])));
    expect(err).toMatchObject({ code: 'BUNDLE_INVALID', details: [{ field: 'members.1.itemCode' }] });
    expect(errorOf(() => defineBundle({ ...bundle, members: bundle.members.slice(0, 1) }, new Set(['SCJG-DJ-001']))).code).toBe('BUNDLE_INVALID');
  });

  it('is in progress until every member case has ended, then delivered together', () => {
    const open = bundleDelivery(application, [acceptedCaseFixture({ id: 'c-1', status: 'CLOSED', outcome: 'APPROVED', licenceId: 'L-1' }), caseFixture({ id: 'c-2' })]);
    expect(open.status).toBe('IN_PROGRESS');
    const done = bundleDelivery(application, [
      acceptedCaseFixture({ id: 'c-1', status: 'CLOSED', outcome: 'APPROVED', licenceId: 'L-1' }),
      caseFixture({ id: 'c-2', status: 'NOT_ACCEPTED' }),
    ]);
    expect(done).toEqual({
      status: 'DELIVERED',
      members: [
        { itemCode: 'SCJG-DJ-001', caseId: 'c-1', caseNumber: 'OW-1', status: 'CLOSED', outcome: 'APPROVED', licenceId: 'L-1' },
        { itemCode: 'ZRZY-QR-021', caseId: 'c-2', caseNumber: 'OW-2', status: 'NOT_ACCEPTED', outcome: 'NOT_ACCEPTED', licenceId: null },
      ],
    });
  });

  it('is not delivered while a member case is missing', () => {
    expect(bundleDelivery(application, [acceptedCaseFixture({ id: 'c-1', status: 'CLOSED' })]).members[1]?.status).toBe('MISSING');
  });
});
