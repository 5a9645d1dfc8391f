import { describe, expect, it } from 'vitest';
import { announced, applicantFixture, clerkFixture, OTHER_HALL } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const clerk = clerkFixture();

describe('drafts and pre-review (预审)', () => {
  it('keeps a draft for its applicant only, announcing nothing, then submits it: received then, not before', async () => {
    const { store, useCases, afterDays } = await testIntake();
    const draft = await useCases.submitCase.execute(applicant, submission({ draft: true }));
    expect(draft).toMatchObject({ status: 'DRAFT', submittedAt: null, noticeDueDate: null });
    expect(await announced(store)).toEqual([]);
    afterDays(2);
    const submitted = await useCases.submitDraft.execute(applicant, draft.id);
    // Received Wednesday 7 January 2026: due Wednesday 14 January.
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedAt: '2026-01-07T02:00:00.000Z', noticeDueDate: '2026-01-14' });
    expect((await announced(store)).map((e) => e.type)).toEqual(['onewindow.intake.case.submitted.v1']);
  });

  it('lets a clerk pre-review a draft online and return it with every problem, before the applicant travels', async () => {
    const { store, useCases, material } = await testIntake();
    const draft = await useCases.submitCase.execute(applicant, submission({ draft: true, materials: [await material(applicant, 'M01')] }));
    expect((await useCases.requestPreReview.execute(applicant, draft.id)).status).toBe('PRE_REVIEW');
    await expect(useCases.submitDraft.execute(applicant, draft.id)).rejects.toMatchObject({ code: 'CASE_WRONG_STATE' });
    const returned = await useCases.preReviewCase.execute(clerk, {
      caseId: draft.id,
      result: 'RETURNED',
      opinion: '请补充后再提交',
      deficiencies: [
        { materialCode: 'M02', problem: 'MISSING', note: '' },
        { materialCode: 'M03', problem: 'MISSING', note: '' },
      ],
    });
    expect(returned).toMatchObject({ status: 'DRAFT', preReview: { result: 'RETURNED', reviewedBy: clerk.subject } });
    expect((await announced(store)).map((e) => e.type)).toEqual(['onewindow.intake.case.pre-reviewed.v1']);

    await useCases.addMaterials.execute(applicant, { caseId: draft.id, materials: [await material(applicant, 'M02')], commitments: [{ materialCode: 'M03', text: '住所真实' }] });
    await useCases.requestPreReview.execute(applicant, draft.id);
    const passed = await useCases.preReviewCase.execute(clerk, { caseId: draft.id, result: 'PASSED', opinion: '可以提交', deficiencies: [] });
    expect(passed.preReview?.result).toBe('PASSED');
    expect((await useCases.submitDraft.execute(applicant, draft.id)).status).toBe('SUBMITTED');
  });

  it('refuses a pre-review by a clerk of another hall, and a draft submitted by someone else', async () => {
    const { useCases } = await testIntake();
    const draft = await useCases.submitCase.execute(applicant, submission({ draft: true }));
    await useCases.requestPreReview.execute(applicant, draft.id);
    await expect(useCases.preReviewCase.execute(clerkFixture({ hall: OTHER_HALL }), { caseId: draft.id, result: 'PASSED', opinion: '', deficiencies: [] })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(useCases.requestPreReview.execute(applicantFixture({ subject: 'u-applicant-li' }), draft.id)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('does not let the Art. 32 clock run for a draft', async () => {
    const { useCases, afterDays } = await testIntake();
    const draft = await useCases.submitCase.execute(applicant, submission({ draft: true }));
    afterDays(30);
    expect(await useCases.sweepDeadlines.execute()).toMatchObject({ deemedAccepted: [] });
    expect((await useCases.getCase.execute(applicant, draft.id)).status).toBe('DRAFT');
  });
});
