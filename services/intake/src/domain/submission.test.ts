import { describe, expect, it } from 'vitest';
import { draftCaseFixture, errorOf, feeItemFixture, HALL, itemFixture } from '../testing/fixtures.js';
import { createCase, preReviewCase, requestPreReview, submitDraft, type CreateCaseInput } from './submission.js';

const NOW = new Date('2026-01-05T02:00:00.000Z');
const LATER = new Date('2026-01-06T02:00:00.000Z');

function input(overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  return {
    id: 'case-1',
    caseNumber: 'OW-20260105-000001',
    item: itemFixture(),
    applicant: { id: 'u-applicant-zhang', name: '张三', kind: 'NATURAL_PERSON', idNumberMasked: null, idNumberSealed: null },
    filedBy: { subject: 'u-applicant-zhang', username: 'applicant-demo', role: 'APPLICANT' },
    hall: HALL,
    materials: [{ code: 'M01', fileId: 'file-1', licenceId: null }],
    commitments: [],
    form: {},
    idempotencyKey: null,
    bundleApplicationId: null,
    draft: false,
    noticeDueDate: '2026-01-12',
    now: NOW,
    ...overrides,
  };
}

describe('createCase', () => {
  it('files a SUBMITTED case, received now, under the item version, routed to the hall org unit and the item agency', () => {
    const { case: c } = createCase(input({ item: itemFixture({ version: 3 }) }));
    expect(c).toMatchObject({
      status: 'SUBMITTED',
      itemVersion: 3,
      orgUnit: '510100',
      agency: '市场监督管理局',
      submittedAt: NOW.toISOString(),
      noticeDueDate: '2026-01-12',
      channel: 'ONLINE',
      notifiedAt: null,
    });
  });

  it('lists the required materials still missing without refusing the case', () => {
    const { case: c } = createCase(input({ materials: [{ code: 'M02', fileId: null, licenceId: 'licence-9' }] }));
    expect(c.missingMaterials).toEqual(['M01', 'M03']);
  });

  it('records a signed commitment in place of a proof (告知承诺制), pending verification', () => {
    const { case: c } = createCase(input({ commitments: [{ materialCode: 'M03', text: '  本人承诺住所真实合法 ' }] }));
    expect(c.commitments).toEqual([
      { materialCode: 'M03', text: '本人承诺住所真实合法', signedBy: '张三', signedAt: NOW.toISOString(), verification: 'PENDING' },
    ]);
    expect(c.missingMaterials).toEqual(['M02']);
  });

  it('announces case.submitted with who filed, the notice due date and what is missing', () => {
    const { case: c, events } = createCase(input({ filedBy: { subject: 'u-clerk-li', username: 'clerk-demo', role: 'CLERK' } }));
    expect(c.channel).toBe('WINDOW');
    expect(events).toEqual([
      {
        type: 'onewindow.intake.case.submitted.v1',
        data: {
          caseId: 'case-1',
          caseNumber: 'OW-20260105-000001',
          itemCode: 'SCJG-DJ-001',
          itemVersion: 1,
          itemName: '企业设立登记',
          applicantId: 'u-applicant-zhang',
          applicantName: '张三',
          hall: HALL,
          submittedAt: NOW.toISOString(),
          channel: 'WINDOW',
          filedBy: { subject: 'u-clerk-li', role: 'CLERK' },
          noticeDueDate: '2026-01-12',
          missingMaterials: ['M02', 'M03'],
        },
      },
    ]);
  });

  it('keeps a draft quietly: no receipt time, no clock, no event', () => {
    const { case: c, events } = createCase(input({ draft: true, noticeDueDate: null }));
    expect(c).toMatchObject({ status: 'DRAFT', submittedAt: null, noticeDueDate: null });
    expect(events).toEqual([]);
  });

  it('refuses materials that are not the item’s, given twice, with both or neither reference, or a licence where none may stand in', () => {
    const err = errorOf(() =>
      createCase(
        input({
          materials: [
            { code: 'M09', fileId: 'f', licenceId: null },
            { code: 'M01', fileId: 'f', licenceId: null },
            { code: 'M01', fileId: null, licenceId: null },
            { code: 'M02', fileId: 'f', licenceId: 'l' },
            { code: 'M03', fileId: null, licenceId: 'l' },
          ],
        }),
      ),
    );
    expect(err).toMatchObject({ kind: 'invalid', code: 'CASE_INVALID' });
    expect(err.details.map((d) => d.field)).toEqual(['materials.0.code', 'materials.2.code', 'materials.2', 'materials.3', 'materials.4.licenceId']);
  });

  it('refuses a commitment for a proof the catalog does not let a commitment replace, or given besides a file', () => {
    const err = errorOf(() =>
      createCase(
        input({
          commitments: [
            { materialCode: 'M02', text: '承诺' },
            { materialCode: 'M01', text: '承诺' },
            { materialCode: 'M03', text: ' ' },
          ],
        }),
      ),
    );
    expect(err.details.map((d) => d.field)).toEqual([
      'commitments.0.materialCode',
      'commitments.1.materialCode',
      'commitments.1.materialCode',
      'commitments.2.text',
    ]);
  });

  it('refuses a hall code it cannot route and a form that picks no fee rule', () => {
    expect(errorOf(() => createCase(input({ hall: 'front-desk' })))).toMatchObject({ code: 'HALL_INVALID' });
    expect(errorOf(() => createCase(input({ item: feeItemFixture(), form: { propertyUse: 'castle' } })))).toMatchObject({ code: 'FORM_INVALID' });
  });

  it('refuses a submitted case without its notice due date', () => {
    expect(errorOf(() => createCase(input({ noticeDueDate: null })))).toMatchObject({ code: 'NOTICE_DUE_DATE_REQUIRED' });
  });
});

describe('submitDraft', () => {
  it('receives the draft now and starts the notice clock, announcing case.submitted', () => {
    const { case: c, events } = submitDraft(draftCaseFixture(), { now: LATER, noticeDueDate: '2026-01-13' });
    expect(c).toMatchObject({ status: 'SUBMITTED', submittedAt: LATER.toISOString(), noticeDueDate: '2026-01-13' });
    expect(events.map((e) => e.type)).toEqual(['onewindow.intake.case.submitted.v1']);
  });

  it.each(['PRE_REVIEW', 'SUBMITTED', 'ACCEPTED'] as const)('refuses to submit a case that is %s', (status) => {
    expect(errorOf(() => submitDraft(draftCaseFixture({ status }), { now: LATER, noticeDueDate: '2026-01-13' }))).toMatchObject({
      kind: 'precondition',
      code: 'CASE_WRONG_STATE',
    });
  });
});

describe('pre-review (预审)', () => {
  const item = itemFixture();
  const waiting = () => requestPreReview(draftCaseFixture(), NOW).case;

  it('puts a draft in line for a clerk', () => {
    expect(waiting()).toMatchObject({ status: 'PRE_REVIEW', preReview: { requestedAt: NOW.toISOString(), result: null } });
  });

  it('returns the draft to the applicant with every problem listed, announcing case.pre-reviewed', () => {
    const deficiencies = [
      { materialCode: 'M01', problem: 'DEFICIENT' as const, note: '缺少签字' },
      { materialCode: 'M02', problem: 'MISSING' as const, note: '' },
      { materialCode: 'M03', problem: 'MISSING' as const, note: '' },
    ];
    const { case: c, events } = preReviewCase(waiting(), { item, result: 'RETURNED', opinion: '请补充', deficiencies, by: 'u-clerk-li', now: LATER });
    expect(c).toMatchObject({ status: 'DRAFT', preReview: { result: 'RETURNED', reviewedBy: 'u-clerk-li', reviewedAt: LATER.toISOString(), deficiencies } });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'onewindow.intake.case.pre-reviewed.v1',
        data: expect.objectContaining({ result: 'RETURNED', deficiencies, reviewedBy: 'u-clerk-li' }),
      }),
    ]);
  });

  it('refuses a returned pre-review that leaves out a missing material (it would need a second notice)', () => {
    const err = errorOf(() =>
      preReviewCase(waiting(), { item, result: 'RETURNED', opinion: '', deficiencies: [{ materialCode: 'M02', problem: 'MISSING', note: '' }], by: 'c', now: LATER }),
    );
    expect(err).toMatchObject({ kind: 'invalid', code: 'NOTICE_INCOMPLETE' });
    expect(err.message).toContain('M03');
  });

  it('refuses to pass a draft that still misses required materials', () => {
    const err = errorOf(() => preReviewCase(waiting(), { item, result: 'PASSED', opinion: '', deficiencies: [], by: 'c', now: LATER }));
    expect(err).toMatchObject({ code: 'PRE_REVIEW_INVALID' });
  });

  it('passes a complete draft', () => {
    const complete = requestPreReview(draftCaseFixture({ missingMaterials: [] }), NOW).case;
    const { case: c } = preReviewCase(complete, { item, result: 'PASSED', opinion: '材料齐全，可以提交', deficiencies: [], by: 'c', now: LATER });
    expect(c).toMatchObject({ status: 'DRAFT', preReview: { result: 'PASSED', opinion: '材料齐全，可以提交' } });
  });

  it('refuses a pre-review of a case nobody asked to pre-review', () => {
    expect(errorOf(() => preReviewCase(draftCaseFixture(), { item, result: 'PASSED', opinion: '', deficiencies: [], by: 'c', now: LATER }))).toMatchObject({
      code: 'CASE_WRONG_STATE',
    });
  });

  it('refuses deficiency lines about unknown materials, listed twice, or deficient without saying why', () => {
    const err = errorOf(() =>
      preReviewCase(waiting(), {
        item,
        result: 'RETURNED',
        opinion: '',
        deficiencies: [
          { materialCode: 'M09', problem: 'MISSING', note: '' },
          { materialCode: 'M02', problem: 'DEFICIENT', note: ' ' },
          { materialCode: 'M02', problem: 'MISSING', note: '' },
        ],
        by: 'c',
        now: LATER,
      }),
    );
    expect(err).toMatchObject({ code: 'DEFICIENCIES_INVALID' });
    expect(err.details.map((d) => d.field)).toEqual(['deficiencies.0.materialCode', 'deficiencies.1.note', 'deficiencies.2.materialCode']);
  });
});
