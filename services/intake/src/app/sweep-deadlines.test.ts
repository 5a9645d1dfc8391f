import { describe, expect, it } from 'vitest';
import { announced, applicantFixture, clerkFixture } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const clerk = clerkFixture();
const HOUR = 60 * 60 * 1000;

describe('SweepDeadlines: Art. 32, 5 working days to answer', () => {
  it('leaves a case alone through its fifth working day, then counts it accepted from the day of receipt, with a receipt', async () => {
    const { store, clock, useCases, documentText } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission());
    // Received Monday 5 January 2026 10:00 in Chengdu; the fifth working day is Monday 12 January.
    clock.set('2026-01-12T15:59:00.000Z');
    expect((await useCases.sweepDeadlines.execute()).deemedAccepted).toEqual([]);
    clock.advance(HOUR);
    expect((await useCases.sweepDeadlines.execute()).deemedAccepted).toEqual([c.id]);

    const deemed = await useCases.getCase.execute(applicant, c.id);
    expect(deemed).toMatchObject({ status: 'ACCEPTED', acceptanceKind: 'DEEMED', acceptedAt: c.submittedAt, acceptedBy: 'system:intake' });
    const receipt = await documentText(applicant, c.id, deemed.documents[0]?.id ?? '');
    expect(receipt.sections.flatMap((s) => s.lines)).toContain('受理方式：依法视为受理');
    expect((await announced(store)).at(-1)).toMatchObject({ type: 'onewindow.intake.case.accepted.v1', data: { acceptanceKind: 'DEEMED', acceptedAt: c.submittedAt } });
    // Once is enough.
    expect((await useCases.sweepDeadlines.execute()).deemedAccepted).toEqual([]);
  });

  it('counts working days by the official calendar: the Spring Festival holiday does not count', async () => {
    const { clock, useCases } = await testIntake();
    clock.set('2026-02-13T02:00:00.000Z');
    const c = await useCases.submitCase.execute(applicant, submission());
    expect(c.noticeDueDate).toBe('2026-02-27');
    clock.set('2026-02-26T04:00:00.000Z');
    expect((await useCases.sweepDeadlines.execute()).deemedAccepted).toEqual([]);
    clock.set('2026-02-27T16:00:00.000Z');
    expect((await useCases.sweepDeadlines.execute()).deemedAccepted).toEqual([c.id]);
  });

  it('does not touch a case whose applicant was told in time: accepted, refused, or sent the one-time notice', async () => {
    const { useCases, afterDays } = await testIntake();
    const told = await useCases.submitCase.execute(applicant, submission());
    await useCases.requestSupplement.execute(clerk, {
      caseId: told.id,
      opinion: '',
      deficiencies: ['M01', 'M02', 'M03'].map((materialCode) => ({ materialCode, problem: 'MISSING' as const, note: '' })),
    });
    afterDays(30);
    expect((await useCases.sweepDeadlines.execute()).deemedAccepted).toEqual([]);
    expect((await useCases.getCase.execute(applicant, told.id)).status).toBe('SUPPLEMENT_REQUESTED');
  });
});

describe('SweepDeadlines: pending materials (容缺受理)', () => {
  const pending = (deadlineWorkingDays: number) => ({ materialCodes: ['M03'], commitment: { text: '按期补齐', signedBy: '张三', fileId: null }, deadlineWorkingDays });

  it('terminates the case the day after the pending materials were due, announcing it', async () => {
    const { store, clock, useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission());
    // Accepted Friday 9 January 2026 with 1 working day: due Monday 12 January.
    clock.set('2026-01-09T02:00:00.000Z');
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending: pending(1) });
    clock.set('2026-01-11T02:00:00.000Z');
    expect((await useCases.sweepDeadlines.execute()).terminated).toEqual([]);
    clock.set('2026-01-12T16:00:00.000Z');
    expect((await useCases.sweepDeadlines.execute()).terminated).toEqual([c.id]);
    expect(await useCases.getCase.execute(applicant, c.id)).toMatchObject({ status: 'TERMINATED', outcome: 'TERMINATED' });
    expect((await announced(store)).slice(-2).map((e) => e.type)).toEqual(['onewindow.intake.case.terminated.v1', 'onewindow.intake.case.closed.v1']);
  });

  it('keeps the case once the pending materials are supplied in time', async () => {
    const { useCases, material, afterDays } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission());
    await useCases.acceptCase.execute(clerk, { caseId: c.id, opinion: '', pending: pending(1) });
    await useCases.addMaterials.execute(applicant, { caseId: c.id, materials: [await material(applicant, 'M03')], commitments: [] });
    afterDays(30);
    expect((await useCases.sweepDeadlines.execute()).terminated).toEqual([]);
    expect((await useCases.getCase.execute(applicant, c.id)).status).toBe('ACCEPTED');
  });
});
