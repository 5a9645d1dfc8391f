import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, caseFixture, testStore } from '../testing/fixtures.js';
import { CASES, storeCaseRepository } from './case-repository.js';

describe('the case repository', () => {
  it('reads a case stored before issue 5 with its new fields filled in', async () => {
    const store = testStore();
    const legacy = {
      id: 'legacy-1',
      caseNumber: 'OW-20260101-000001',
      itemCode: 'SCJG-DJ-001',
      itemVersion: 1,
      itemName: '企业设立登记',
      status: 'ACCEPTED',
      applicantId: 'u-applicant-zhang',
      applicantName: '张三',
      hall: 'hall-510100-01',
      orgUnit: '510100',
      agency: '市场监督管理局',
      materials: [],
      missingMaterials: [],
      form: {},
      idempotencyKey: null,
      submittedAt: '2026-01-01T02:00:00.000Z',
      acceptedAt: '2026-01-01T03:00:00.000Z',
      acceptedBy: 'u-clerk-li',
      acceptanceOpinion: null,
      decision: null,
      decidedAt: null,
      licenceId: null,
      closedAt: null,
      outcome: null,
      dedupeKey: 'id:legacy-1',
    };
    await store.collection<typeof legacy>(CASES).insert(legacy);
    const found = await storeCaseRepository(store).get('legacy-1');
    expect(found?.case).toMatchObject({
      filedBy: { subject: 'u-applicant-zhang', role: 'APPLICANT' },
      createdAt: '2026-01-01T02:00:00.000Z',
      notifiedAt: '2026-01-01T03:00:00.000Z',
      acceptanceKind: 'STANDARD',
      commitments: [],
      documents: [],
      pending: null,
    });
  });

  it('finds the cases whose clocks run, and only those', async () => {
    const cases = storeCaseRepository(testStore());
    await cases.add(caseFixture({ id: 'a-notice' }), []);
    await cases.add(caseFixture({ id: 'b-told', caseNumber: 'OW-2', notifiedAt: '2026-01-06T00:00:00.000Z' }), []);
    const pending = { materialCodes: ['M03'], commitment: { text: 't', signedBy: 's', fileId: null }, deadlineWorkingDays: 1, dueDate: '2026-01-06', supplied: [], suppliedAt: null };
    await cases.add(acceptedCaseFixture({ id: 'c-pending', caseNumber: 'OW-3', pending }), []);
    await cases.add(acceptedCaseFixture({ id: 'd-supplied', caseNumber: 'OW-4', pending: { ...pending, suppliedAt: '2026-01-06T00:00:00.000Z' } }), []);
    expect((await cases.withTimer('NOTICE', { limit: 10 })).map((c) => c.id)).toEqual(['a-notice']);
    expect((await cases.withTimer('PENDING', { limit: 10 })).map((c) => c.id)).toEqual(['c-pending']);
  });
});
