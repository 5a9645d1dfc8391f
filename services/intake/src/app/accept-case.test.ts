import { describe, expect, it } from 'vitest';
import { contentOf } from '../domain/service-item.js';
import { adminFixture, announced, applicantFixture, clerkFixture, feeItemFixture, itemFixture, OTHER_HALL, rejectionOf } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const clerk = clerkFixture();
const pending = { materialCodes: ['M03'], commitment: { text: '本人承诺3个工作日内补齐', signedBy: '张三', fileId: null }, deadlineWorkingDays: 3 };

async function submitted(overrides: Parameters<typeof submission>[0] = {}) {
  const intake = await testIntake();
  const c = await intake.useCases.submitCase.execute(applicant, submission(overrides));
  return { ...intake, c };
}

const acceptedEvents = async (store: Parameters<typeof announced>[0]) => (await announced(store)).filter((e) => e.type === 'onewindow.intake.case.accepted.v1');

describe('AcceptCase', () => {
  it('lets a clerk of the case’s hall accept it and issues a dated receipt with the case number', async () => {
    const { clock, useCases, documentText, c } = await submitted();
    clock.advance(60 * 60 * 1000);
    const accepted = await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '材料齐全，予以受理' });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedAt: '2026-01-05T03:00:00.000Z', acceptedBy: clerk.subject, paperMaterials: ['M01', 'M02', 'M03'] });
    const [receipt] = accepted.documents;
    expect(receipt).toMatchObject({ kind: 'ACCEPTANCE_RECEIPT', issuedAt: '2026-01-05T03:00:00.000Z' });
    expect(receipt?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = await documentText(applicant, c.id, receipt?.id ?? '');
    expect(text).toMatchObject({ title: '受理回执', caseNumber: c.caseNumber, dateText: '2026年1月5日' });
  });

  it('announces case.accepted with the limits, the licence type and where approval happens', async () => {
    const { store, useCases, c } = await submitted();
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    const [event] = await acceptedEvents(store);
    expect(event).toMatchObject({
      subject: c.id,
      data: { caseId: c.id, orgUnit: '510100', statutoryLimitDays: 3, promisedLimitDays: 0.5, fee: null, resultLicenceType: 'BUSINESS_LICENCE', caseKind: 'IMMEDIATE', acceptanceKind: 'STANDARD' },
    });
  });

  it('announces the fee the case’s form picks', async () => {
    const { store, useCases, c } = await submitted({ itemCode: 'ZRZY-QR-021', form: { propertyUse: 'non-residential' } });
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    expect((await acceptedEvents(store))[0]?.data['fee']).toEqual({ amountFen: 55000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' });
  });

  it('applies the item version the case was submitted under, not one published since', async () => {
    const { store, useCases, c } = await submitted();
    await useCases.seedCatalog.execute([contentOf(itemFixture({ promisedLimitDays: 2 })), contentOf(feeItemFixture())]);
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    expect((await acceptedEvents(store))[0]?.data).toMatchObject({ itemVersion: 1, promisedLimitDays: 0.5 });
  });

  it('refuses a clerk of another hall and the applicant, and changes nothing', async () => {
    const { store, useCases, c } = await submitted();
    await expect(useCases.acceptCase.execute(clerkFixture({ hall: OTHER_HALL }), { caseId: c.id, opinion: '' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.acceptCase.execute(applicant, { caseId: c.id, opinion: '' })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await useCases.getCase.execute(applicant, c.id)).status).toBe('SUBMITTED');
    expect((await announced(store)).map((e) => e.type)).toEqual(['onewindow.intake.case.submitted.v1']);
  });

  it('refuses to accept a case twice, and accepts once when two clerks race', async () => {
    const { store, useCases, c } = await submitted();
    const results = await Promise.allSettled([
      useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' }),
      useCases.acceptCase.execute(clerkFixture({ subject: 'u-clerk-chen' }), { caseId: c.id, opinion: '' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expect(useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' })).rejects.toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
    expect(await acceptedEvents(store)).toHaveLength(1);
  });

  it('reports an unknown case as not found', async () => {
    const { useCases } = await testIntake();
    await expect(useCases.acceptCase.execute(clerk, { caseId: 'no-such-case', opinion: '' })).rejects.toMatchObject({ kind: 'not_found', code: 'CASE_NOT_FOUND' });
  });
});

describe('AcceptCase with pending materials (容缺受理)', () => {
  it('accepts with the pending material due 3 working days later, by the calendar', async () => {
    const { useCases, c } = await submitted();
    const accepted = await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending });
    // Accepted Monday 5 January 2026: due Thursday 8 January.
    expect(accepted).toMatchObject({ acceptanceKind: 'WITH_PENDING', pending: { materialCodes: ['M03'], dueDate: '2026-01-08' }, paperMaterials: ['M01', 'M02'] });
  });

  it('refuses an applicant an administrator flagged for bad credit, and offers it again once cleared', async () => {
    const { useCases, c } = await submitted();
    await useCases.setCreditFlag.execute(adminFixture(), { applicantId: applicant.subject, flagged: true, reason: '承诺未履行' });
    const err = await rejectionOf(useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending }));
    expect(err).toMatchObject({ kind: 'precondition', code: 'CREDIT_FLAGGED' });
    expect((await useCases.getCase.execute(applicant, c.id)).status).toBe('SUBMITTED');
    await useCases.setCreditFlag.execute(adminFixture(), { applicantId: applicant.subject, flagged: false, reason: '信用修复' });
    expect((await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending })).acceptanceKind).toBe('WITH_PENDING');
  });

  it("takes the clerk's scan of the signed commitment, not someone else's upload", async () => {
    const { useCases, material, c } = await submitted();
    const theirs = await material(applicant, 'M03');
    await expect(
      useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending: { ...pending, commitment: { ...pending.commitment, fileId: theirs.fileId } } }),
    ).rejects.toMatchObject({ code: 'MATERIAL_REF_INVALID' });
    const scan = await material(clerk, 'commitment');
    const accepted = await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending: { ...pending, commitment: { ...pending.commitment, fileId: scan.fileId } } });
    expect(accepted.pending?.commitment.fileId).toBe(scan.fileId);
  });
});

describe('AcceptCase of an immediate item (即办件)', () => {
  it('accepts and decides in one call, telling approval through case.accepted', async () => {
    const { store, useCases, c } = await submitted();
    const accepted = await useCases.acceptCase.execute(clerk, {
      caseId: c.id,
      opinion: '当场受理',
      decision: { decision: 'APPROVED', opinion: '符合法定条件，准予登记', legalBasis: [] },
    });
    expect(accepted.windowDecision).toMatchObject({ decision: 'APPROVED', decidedBy: clerk.subject });
    expect((await acceptedEvents(store))[0]?.data).toMatchObject({
      caseKind: 'IMMEDIATE',
      decidedAtWindow: { decision: 'APPROVED', opinion: '符合法定条件，准予登记', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'], decidedBy: clerk.subject },
    });
  });

  it('refuses a window decision for a promised item', async () => {
    const { useCases, c } = await submitted({ itemCode: 'ZRZY-QR-021' });
    await expect(
      useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', decision: { decision: 'APPROVED', opinion: '同意', legalBasis: [] } }),
    ).rejects.toMatchObject({ code: 'NOT_AN_IMMEDIATE_ITEM' });
  });
});
