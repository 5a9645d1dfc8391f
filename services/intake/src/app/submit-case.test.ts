import { describe, expect, it } from 'vitest';
import { announced, applicantFixture, clerkFixture, OTHER_HALL } from '../testing/fixtures.js';
import { START, submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();

describe('SubmitCase', () => {
  it('files a SUBMITTED case for the caller, numbered OW-<day>-000001, at the default hall', async () => {
    const { useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission());
    expect(c).toMatchObject({
      caseNumber: 'OW-20260105-000001',
      status: 'SUBMITTED',
      itemCode: 'SCJG-DJ-001',
      itemVersion: 1,
      applicantId: applicant.subject,
      applicantName: '张三',
      hall: 'hall-510100-01',
      submittedAt: START,
    });
    expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('announces case.submitted in the same write, keyed by the case id', async () => {
    const { store, useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission());
    const [entry] = await store.outbox.pending(10);
    expect(entry).toMatchObject({ topic: 'onewindow.intake.case.v1', key: c.id });
    expect(await announced(store)).toEqual([
      expect.objectContaining({
        type: 'onewindow.intake.case.submitted.v1',
        source: 'onewindow/intake',
        subject: c.id,
        data: expect.objectContaining({ caseId: c.id, caseNumber: c.caseNumber, applicantName: '张三' }),
      }),
    ]);
  });

  it('names the applicant by username when the token carries no display name', async () => {
    const { useCases } = await testIntake();
    const { displayName: _none, ...noName } = applicant;
    expect((await useCases.submitCase.execute(noName, submission())).applicantName).toBe('applicant-demo');
  });

  it('numbers cases of one day in sequence and starts again the next day', async () => {
    const { clock, useCases } = await testIntake();
    const first = await useCases.submitCase.execute(applicant, submission());
    const second = await useCases.submitCase.execute(applicant, submission());
    clock.advance(24 * 60 * 60 * 1000);
    const nextDay = await useCases.submitCase.execute(applicant, submission());
    expect([first, second, nextDay].map((c) => c.caseNumber)).toEqual([
      'OW-20260105-000001',
      'OW-20260105-000002',
      'OW-20260106-000001',
    ]);
  });

  it('hands out distinct numbers to concurrent submissions', async () => {
    const { useCases } = await testIntake();
    const cases = await Promise.all(Array.from({ length: 10 }, () => useCases.submitCase.execute(applicant, submission())));
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(10);
  });

  it('uses the configured case number format', async () => {
    const { useCases } = await testIntake({ caseNumberFormat: 'CD-{yyyy}-{seq4}' });
    expect((await useCases.submitCase.execute(applicant, submission())).caseNumber).toBe('CD-2026-0001');
  });

  it('files at the hall the request names', async () => {
    const { useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission({ hall: OTHER_HALL }));
    expect(c).toMatchObject({ hall: OTHER_HALL, orgUnit: '510104' });
  });

  it('returns the first case when the applicant replays an idempotency key, announcing it once', async () => {
    const { store, useCases } = await testIntake();
    const first = await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    const replay = await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    expect(replay).toEqual(first);
    expect(await announced(store)).toHaveLength(1);
    const next = await useCases.submitCase.execute(applicant, submission());
    expect(next.caseNumber).toBe('OW-20260105-000002');
  });

  it('returns one case to replays that race each other', async () => {
    const { store, useCases } = await testIntake();
    const results = await Promise.all(
      Array.from({ length: 3 }, () => useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-race' }))),
    );
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await announced(store)).toHaveLength(1);
  });

  it('keeps idempotency keys per applicant', async () => {
    const { useCases } = await testIntake();
    const mine = await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    const theirs = await useCases.submitCase.execute(
      applicantFixture({ subject: 'u-applicant-li', displayName: '李四' }),
      submission({ idempotencyKey: 'k-1' }),
    );
    expect(theirs.id).not.toBe(mine.id);
  });

  it('refuses a key replayed for another item', async () => {
    const { useCases } = await testIntake();
    await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    await expect(useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1', itemCode: 'ZRZY-QR-021' }))).rejects.toMatchObject({
      kind: 'conflict',
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('lists missing required materials on the case instead of refusing it', async () => {
    const { useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission({ materials: [] }));
    expect(c).toMatchObject({ status: 'SUBMITTED', missingMaterials: ['M01', 'M02', 'M03'] });
  });

  it('refuses an unknown item and writes nothing', async () => {
    const { store, useCases } = await testIntake();
    await expect(useCases.submitCase.execute(applicant, submission({ itemCode: 'NOPE-001' }))).rejects.toMatchObject({
      kind: 'invalid',
      code: 'ITEM_UNKNOWN',
    });
    expect(await announced(store)).toEqual([]);
  });

  it('refuses a caller who is not an applicant', async () => {
    const { store, useCases } = await testIntake();
    await expect(useCases.submitCase.execute(clerkFixture(), submission())).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await announced(store)).toEqual([]);
  });
});
