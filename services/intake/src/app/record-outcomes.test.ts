import { describe, expect, it } from 'vitest';
import { announced, applicantFixture, clerkFixture } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const decidedAt = '2026-01-06T08:00:00.000Z';
const issuedAt = '2026-01-06T09:00:00.000Z';
const approval = { decision: 'APPROVED', decidedAt, resultLicenceType: 'BUSINESS_LICENCE' } as const;
const rejection = { decision: 'REJECTED', decidedAt, resultLicenceType: 'BUSINESS_LICENCE' } as const;
const licence = { licenceId: '1.2.156.3005.2.11100000000000000X.001', issuedAt };

async function acceptedCase() {
  const intake = await testIntake();
  const c = await intake.useCases.submitCase.execute(applicantFixture(), submission());
  await intake.useCases.acceptCase.execute(clerkFixture(), { caseId: c.id, opinion: '' });
  return { ...intake, c };
}

const closings = async (store: Parameters<typeof announced>[0]) =>
  (await announced(store)).filter((e) => e.type === 'onewindow.intake.case.closed.v1');

describe('RecordDecision and RecordLicenceIssued', () => {
  it('closes an approved case when its licence is issued, announcing case.closed once', async () => {
    const { store, useCases, c } = await acceptedCase();
    expect((await useCases.recordDecision.execute(c.id, approval)).status).toBe('APPROVED');
    const closed = await useCases.recordLicenceIssued.execute(c.id, licence);
    expect(closed).toMatchObject({ status: 'CLOSED', decision: 'APPROVED', licenceId: licence.licenceId, closedAt: issuedAt });
    expect(await closings(store)).toEqual([
      expect.objectContaining({
        subject: c.id,
        data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, licenceId: licence.licenceId, closedAt: issuedAt, outcome: 'APPROVED' },
      }),
    ]);
  });

  it('changes nothing and announces nothing when the same facts arrive again', async () => {
    const { store, useCases, c } = await acceptedCase();
    await useCases.recordDecision.execute(c.id, approval);
    const closed = await useCases.recordLicenceIssued.execute(c.id, licence);
    const before = await store.outbox.pending(100);
    expect(await useCases.recordDecision.execute(c.id, approval)).toEqual(closed);
    expect(await useCases.recordLicenceIssued.execute(c.id, licence)).toEqual(closed);
    expect(await store.outbox.pending(100)).toEqual(before);
  });

  it('closes the case when the licence arrives before the decision, and the late decision only adds its time', async () => {
    const { store, useCases, c } = await acceptedCase();
    await useCases.recordLicenceIssued.execute(c.id, licence);
    const late = await useCases.recordDecision.execute(c.id, approval);
    expect(late).toMatchObject({ status: 'CLOSED', decision: 'APPROVED', decidedAt, licenceId: licence.licenceId });
    expect(await closings(store)).toHaveLength(1);
  });

  it('closes a rejected case with outcome REJECTED', async () => {
    const { store, useCases, c } = await acceptedCase();
    const closed = await useCases.recordDecision.execute(c.id, rejection);
    expect(closed).toMatchObject({ status: 'CLOSED', decision: 'REJECTED', licenceId: null, closedAt: decidedAt });
    expect((await closings(store)).map((e) => e.data['outcome'])).toEqual(['REJECTED']);
  });

  describe('a refusal overturned by internal review (复核)', () => {
    const reviewedAt = '2026-01-09T08:00:00.000Z';
    const overturn = { ...approval, decidedAt: reviewedAt, overturns: { decidedAt } };

    it('reopens the refused case to wait for its licence, then closes it APPROVED', async () => {
      const { store, useCases, c } = await acceptedCase();
      await useCases.recordDecision.execute(c.id, rejection);
      const reopened = await useCases.recordDecision.execute(c.id, overturn);
      expect(reopened).toMatchObject({ status: 'APPROVED', decision: 'APPROVED', decidedAt: reviewedAt, closedAt: null, outcome: null, overturnedRefusalAt: decidedAt });
      const closed = await useCases.recordLicenceIssued.execute(c.id, licence);
      expect(closed).toMatchObject({ status: 'CLOSED', decision: 'APPROVED', licenceId: licence.licenceId, outcome: 'APPROVED' });
      expect((await closings(store)).map((e) => e.data['outcome'])).toEqual(['REJECTED', 'APPROVED']);
    });

    it('takes the overturn and the overturned refusal again without a change or an announcement', async () => {
      const { store, useCases, c } = await acceptedCase();
      await useCases.recordDecision.execute(c.id, rejection);
      const reopened = await useCases.recordDecision.execute(c.id, overturn);
      const before = await store.outbox.pending(100);
      expect(await useCases.recordDecision.execute(c.id, rejection)).toEqual(reopened);
      expect(await useCases.recordDecision.execute(c.id, overturn)).toEqual(reopened);
      expect(await store.outbox.pending(100)).toEqual(before);
    });

    it('closes at once APPROVED when the item produces no licence', async () => {
      const { store, useCases, c } = await acceptedCase();
      await useCases.recordDecision.execute(c.id, { ...rejection, resultLicenceType: null });
      const closed = await useCases.recordDecision.execute(c.id, { ...overturn, resultLicenceType: null });
      expect(closed).toMatchObject({ status: 'CLOSED', outcome: 'APPROVED', closedAt: reviewedAt });
      expect((await closings(store)).map((e) => e.data['outcome'])).toEqual(['REJECTED', 'APPROVED']);
    });

    it('refuses a licence that overtakes the overturn (the consumer retries), and an overturn of another refusal', async () => {
      const { useCases, c } = await acceptedCase();
      await useCases.recordDecision.execute(c.id, rejection);
      await expect(useCases.recordLicenceIssued.execute(c.id, licence)).rejects.toMatchObject({ code: 'CASE_ALREADY_CLOSED' });
      await expect(useCases.recordDecision.execute(c.id, { ...overturn, overturns: { decidedAt: reviewedAt } })).rejects.toMatchObject({ code: 'CASE_DECISION_CONFLICT' });
      await useCases.recordDecision.execute(c.id, overturn);
      expect(await useCases.recordLicenceIssued.execute(c.id, licence)).toMatchObject({ status: 'CLOSED', outcome: 'APPROVED' });
    });
  });

  it('shows the closed case to its applicant', async () => {
    const { useCases, c } = await acceptedCase();
    await useCases.recordLicenceIssued.execute(c.id, licence);
    expect(await useCases.getCase.execute(applicantFixture(), c.id)).toMatchObject({ status: 'CLOSED', licenceId: licence.licenceId });
  });

  it('fails on a case it does not know, so the consumer retries and dead-letters', async () => {
    const { useCases } = await acceptedCase();
    await expect(useCases.recordLicenceIssued.execute('unknown-case', licence)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});
