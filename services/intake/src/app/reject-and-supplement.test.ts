import { describe, expect, it } from 'vitest';
import { announced, applicantFixture, clerkFixture, OTHER_HALL } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const clerk = clerkFixture();
const every = [
  { materialCode: 'M01', problem: 'DEFICIENT' as const, note: '申请书未签字' },
  { materialCode: 'M02', problem: 'MISSING' as const, note: '' },
  { materialCode: 'M03', problem: 'MISSING' as const, note: '' },
];

async function submitted() {
  const intake = await testIntake();
  const m01 = await intake.material(applicant, 'M01');
  const c = await intake.useCases.submitCase.execute(applicant, submission({ materials: [m01] }));
  return { ...intake, c };
}

const types = async (store: Parameters<typeof announced>[0]) => (await announced(store)).map((e) => e.type);

describe('RejectCase (不予受理)', () => {
  it('refuses to accept with reason and legal basis, issuing the dated notice', async () => {
    const { store, useCases, documentText, c } = await submitted();
    const rejected = await useCases.rejectCase.execute(clerk, { caseId: c.id, reason: '不属于本机关职权范围', legalBasis: ['《中华人民共和国行政许可法》第三十二条'] });
    expect(rejected).toMatchObject({ status: 'NOT_ACCEPTED', rejection: { reason: '不属于本机关职权范围', rejectedBy: clerk.subject } });
    const notice = await documentText(applicant, c.id, rejected.documents[0]?.id ?? '');
    expect(notice).toMatchObject({ title: '不予受理通知书', caseNumber: c.caseNumber });
    expect(JSON.stringify(notice)).toContain('《中华人民共和国行政许可法》第三十二条');
    expect(await types(store)).toEqual(['onewindow.intake.case.submitted.v1', 'onewindow.intake.case.rejected.v1']);
  });

  it('refuses a clerk of another hall, a refusal without legal basis, and a refusal after acceptance, changing nothing', async () => {
    const { store, useCases, c } = await submitted();
    const refusal = { caseId: c.id, reason: '不属于本机关职权范围', legalBasis: ['《中华人民共和国行政许可法》第三十二条'] };
    await expect(useCases.rejectCase.execute(clerkFixture({ hall: OTHER_HALL }), refusal)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.rejectCase.execute(clerk, { ...refusal, legalBasis: [] })).rejects.toMatchObject({ code: 'REJECTION_INVALID' });
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    await expect(useCases.rejectCase.execute(clerk, refusal)).rejects.toMatchObject({ code: 'CASE_WRONG_STATE' });
    expect(await types(store)).toEqual(['onewindow.intake.case.submitted.v1', 'onewindow.intake.case.accepted.v1']);
  });
});

describe('RequestSupplement (一次性告知) and AddMaterials', () => {
  it('lists every missing and deficient material in one dated notice, then takes them and returns the case for acceptance', async () => {
    const { store, useCases, documentText, material, c } = await submitted();
    const requested = await useCases.requestSupplement.execute(clerk, { caseId: c.id, deficiencies: every, opinion: '请一次性补齐' });
    expect(requested.status).toBe('SUPPLEMENT_REQUESTED');
    const notice = await documentText(applicant, c.id, requested.documents[0]?.id ?? '');
    expect(notice.title).toBe('一次性告知书');
    expect(notice.sections.flatMap((s) => s.lines)).toEqual(expect.arrayContaining(['1. 材料M01（M01）：需补正，申请书未签字', '2. 材料M02（M02）：未提交', '3. 材料M03（M03）：未提交']));

    const refs = [await material(applicant, 'M01'), await material(applicant, 'M02')];
    expect((await useCases.addMaterials.execute(applicant, { caseId: c.id, materials: refs, commitments: [] })).status).toBe('SUPPLEMENT_REQUESTED');
    const complete = await useCases.addMaterials.execute(applicant, { caseId: c.id, materials: [], commitments: [{ materialCode: 'M03', text: '住所真实合法' }] });
    expect(complete).toMatchObject({ status: 'SUBMITTED', missingMaterials: [], supplementRequest: { supplied: ['M01', 'M02', 'M03'] } });
    expect((await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '补正齐全' })).paperMaterials).toEqual([]);
    expect(await types(store)).toEqual([
      'onewindow.intake.case.submitted.v1',
      'onewindow.intake.case.supplement-requested.v1',
      'onewindow.intake.case.supplemented.v1',
      'onewindow.intake.case.accepted.v1',
    ]);
  });

  it('refuses a notice that leaves out a missing material, and a second notice', async () => {
    const { useCases, material, c } = await submitted();
    await expect(useCases.requestSupplement.execute(clerk, { caseId: c.id, deficiencies: every.slice(0, 2), opinion: '' })).rejects.toMatchObject({ code: 'NOTICE_INCOMPLETE' });
    await useCases.requestSupplement.execute(clerk, { caseId: c.id, deficiencies: every, opinion: '' });
    const refs = await Promise.all(['M01', 'M02', 'M03'].map((code) => material(applicant, code)));
    await useCases.addMaterials.execute(applicant, { caseId: c.id, materials: refs, commitments: [] });
    await expect(useCases.requestSupplement.execute(clerk, { caseId: c.id, deficiencies: every, opinion: '' })).rejects.toMatchObject({ code: 'SUPPLEMENT_ALREADY_REQUESTED' });
  });

  it("refuses materials from someone who is not the case's applicant, agent or clerk", async () => {
    const { useCases, material, c } = await submitted();
    const stranger = applicantFixture({ subject: 'u-applicant-li' });
    await expect(useCases.addMaterials.execute(stranger, { caseId: c.id, materials: [await material(stranger, 'M02')], commitments: [] })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('supplies pending materials of an acceptance with pending materials', async () => {
    const { store, useCases, material, c } = await submitted();
    await useCases.acceptCase.execute(clerk, {
      caseId: c.id,
      opinion: '',
      pending: { materialCodes: ['M03'], commitment: { text: '按期补齐', signedBy: '张三', fileId: null }, deadlineWorkingDays: 2 },
    });
    const supplied = await useCases.addMaterials.execute(applicant, { caseId: c.id, materials: [await material(applicant, 'M03')], commitments: [] });
    expect(supplied).toMatchObject({ status: 'ACCEPTED', pending: { suppliedAt: expect.any(String) } });
    expect((await announced(store)).at(-1)).toMatchObject({ type: 'onewindow.intake.case.supplemented.v1', data: { stage: 'PENDING' } });
  });
});
