import { describe, expect, it } from 'vitest';
import { contentOf } from '../domain/service-item.js';
import { announced, applicantFixture, clerkFixture, feeItemFixture, itemFixture, OTHER_HALL } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const clerk = clerkFixture();

async function submitted(overrides: Parameters<typeof submission>[0] = {}) {
  const intake = await testIntake();
  const c = await intake.useCases.submitCase.execute(applicant, submission(overrides));
  return { ...intake, c };
}

describe('AcceptCase', () => {
  it('lets a clerk of the case’s hall accept it', async () => {
    const { clock, useCases, c } = await submitted();
    clock.advance(60 * 60 * 1000);
    const accepted = await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '材料齐全，予以受理' });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedAt: '2026-01-05T03:00:00.000Z', acceptedBy: clerk.subject });
    expect((await useCases.getCase.execute(clerk, c.id)).status).toBe('ACCEPTED');
  });

  it('announces case.accepted with the limits, the licence type and where approval happens', async () => {
    const { store, useCases, c } = await submitted();
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    const accepted = (await announced(store)).filter((e) => e.type === 'onewindow.intake.case.accepted.v1');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({
      subject: c.id,
      data: {
        caseId: c.id,
        caseNumber: c.caseNumber,
        orgUnit: '510100',
        agency: '市场监督管理局',
        statutoryLimitDays: 3,
        promisedLimitDays: 0.5,
        fee: null,
        resultLicenceType: 'BUSINESS_LICENCE',
        caseKind: 'IMMEDIATE',
      },
    });
  });

  it('announces the fee the case’s form picks', async () => {
    const { store, useCases, c } = await submitted({ itemCode: 'ZRZY-QR-021', form: { propertyUse: 'non-residential' } });
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    const accepted = (await announced(store)).find((e) => e.type === 'onewindow.intake.case.accepted.v1');
    expect(accepted?.data['fee']).toEqual({ amountFen: 55000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' });
  });

  it('applies the item version the case was submitted under, not one published since', async () => {
    const { store, useCases, c } = await submitted();
    await useCases.seedCatalog.execute([contentOf(itemFixture({ promisedLimitDays: 2 })), contentOf(feeItemFixture())]);
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    const accepted = (await announced(store)).find((e) => e.type === 'onewindow.intake.case.accepted.v1');
    expect(accepted?.data).toMatchObject({ itemVersion: 1, promisedLimitDays: 0.5 });
  });

  it('refuses a clerk of another hall and changes nothing', async () => {
    const { store, useCases, c } = await submitted();
    await expect(useCases.acceptCase.execute(clerkFixture({ hall: OTHER_HALL }), { caseId: c.id, opinion: '' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect((await useCases.getCase.execute(applicant, c.id)).status).toBe('SUBMITTED');
    expect((await announced(store)).map((e) => e.type)).toEqual(['onewindow.intake.case.submitted.v1']);
  });

  it('refuses the applicant', async () => {
    const { useCases, c } = await submitted();
    await expect(useCases.acceptCase.execute(applicant, { caseId: c.id, opinion: '' })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('refuses to accept a case twice', async () => {
    const { useCases, c } = await submitted();
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' });
    await expect(useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' })).rejects.toMatchObject({
      kind: 'precondition',
      code: 'CASE_WRONG_STATE',
    });
  });

  it('accepts once when two clerks accept at the same moment', async () => {
    const { store, useCases, c } = await submitted();
    const results = await Promise.allSettled([
      useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '' }),
      useCases.acceptCase.execute(clerkFixture({ subject: 'u-clerk-chen' }), { caseId: c.id, opinion: '' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await announced(store)).filter((e) => e.type === 'onewindow.intake.case.accepted.v1')).toHaveLength(1);
  });

  it('reports an unknown case as not found', async () => {
    const { useCases } = await testIntake();
    await expect(useCases.acceptCase.execute(clerk, { caseId: 'no-such-case', opinion: '' })).rejects.toMatchObject({
      kind: 'not_found',
      code: 'CASE_NOT_FOUND',
    });
  });
});
