import { describe, expect, it } from 'vitest';
import { announced, applicantFixture, clerkFixture, HALL, OTHER_HALL, rejectionOf } from '../testing/fixtures.js';
import { NOTICE_DUE, START, submission, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const clerk = clerkFixture();
const walkIn = { kind: 'NATURAL_PERSON' as const, name: '王小明', idNumber: '510704199409022331' };
const company = { kind: 'LEGAL_ENTITY' as const, name: '成都示例科技有限公司', idNumber: '91350100M000100Y43' };

describe('SubmitCase', () => {
  it('files a SUBMITTED case for the caller, numbered OW-<day>-000001, at the default hall, with its notice due date', async () => {
    const { useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission());
    expect(c).toMatchObject({
      caseNumber: 'OW-20260105-000001',
      status: 'SUBMITTED',
      itemCode: 'SCJG-DJ-001',
      itemVersion: 1,
      applicantId: applicant.subject,
      applicantName: '张三',
      filedBy: { subject: applicant.subject, role: 'APPLICANT' },
      hall: HALL,
      submittedAt: START,
      noticeDueDate: NOTICE_DUE,
      missingMaterials: ['M01', 'M02', 'M03'],
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
        data: expect.objectContaining({ caseId: c.id, caseNumber: c.caseNumber, noticeDueDate: NOTICE_DUE, channel: 'ONLINE' }),
      }),
    ]);
  });

  it('takes uploaded files of the caller as materials', async () => {
    const { useCases, material } = await testIntake();
    const m01 = await material(applicant, 'M01');
    const c = await useCases.submitCase.execute(applicant, submission({ materials: [m01] }));
    expect(c).toMatchObject({ materials: [m01], missingMaterials: ['M02', 'M03'] });
  });

  it("refuses a file id that is no upload, or someone else's upload, and writes nothing", async () => {
    const { store, useCases, material } = await testIntake();
    const theirs = await material(applicantFixture({ subject: 'u-applicant-li' }), 'M01');
    for (const fileId of ['file-1', theirs.fileId]) {
      const err = await rejectionOf(useCases.submitCase.execute(applicant, submission({ materials: [{ code: 'M01', fileId, licenceId: null }] })));
      expect(err).toMatchObject({ kind: 'invalid', code: 'MATERIAL_REF_INVALID', details: [{ field: 'materials.0.fileId' }] });
    }
    expect(await announced(store)).toEqual([]);
  });

  it("takes a licence from the applicant's library instead of a paper copy (免证办), once certificate confirms it", async () => {
    const { useCases, licences } = await testIntake();
    licences.issue('1.2.156.3005.2.BL.001', applicant.subject, 'BUSINESS_LICENCE');
    const c = await useCases.submitCase.execute(applicant, submission({ materials: [{ code: 'M02', fileId: null, licenceId: '1.2.156.3005.2.BL.001' }] }));
    expect(c.missingMaterials).toEqual(['M01', 'M03']);
  });

  it("refuses a licence that is someone else's, revoked, of another type, or unknown", async () => {
    const { useCases, licences } = await testIntake();
    licences.issue('L-other', 'u-applicant-li', 'BUSINESS_LICENCE');
    licences.issue('L-revoked', applicant.subject, 'BUSINESS_LICENCE', 'REVOKED');
    licences.issue('L-type', applicant.subject, 'RESIDENT_ID');
    for (const [licenceId, reason] of [
      ['L-other', "not the applicant's licence"],
      ['L-revoked', 'no longer valid'],
      ['L-type', 'another type'],
      ['L-none', 'no such licence'],
    ] as const) {
      const err = await rejectionOf(useCases.submitCase.execute(applicant, submission({ materials: [{ code: 'M02', fileId: null, licenceId }] })));
      expect(err.code).toBe('MATERIAL_REF_INVALID');
      expect(err.details[0]?.message).toContain(reason);
    }
  });

  it('takes a signed commitment in place of a proof the catalog allows it for (告知承诺制)', async () => {
    const { useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission({ commitments: [{ materialCode: 'M03', text: '本人承诺住所真实' }] }));
    expect(c.commitments).toMatchObject([{ materialCode: 'M03', signedBy: '张三', verification: 'PENDING' }]);
    expect(c.missingMaterials).toEqual(['M01', 'M02']);
  });

  it('names the applicant by username when the token carries no display name', async () => {
    const { useCases } = await testIntake();
    const { displayName: _none, ...noName } = applicant;
    expect((await useCases.submitCase.execute(noName, submission())).applicantName).toBe('applicant-demo');
  });

  it('numbers cases of one day in sequence and starts again the next day, in the configured format', async () => {
    const { useCases, afterDays } = await testIntake();
    const first = await useCases.submitCase.execute(applicant, submission());
    const second = await useCases.submitCase.execute(applicant, submission({ draft: true }));
    afterDays(1);
    const nextDay = await useCases.submitCase.execute(applicant, submission());
    expect([first, second, nextDay].map((c) => c.caseNumber)).toEqual(['OW-20260105-000001', 'OW-20260105-000002', 'OW-20260106-000001']);
    const custom = await testIntake({ caseNumberFormat: 'CD-{yyyy}-{seq4}' });
    expect((await custom.useCases.submitCase.execute(applicant, submission())).caseNumber).toBe('CD-2026-0001');
  });

  it('hands out distinct numbers to concurrent submissions', async () => {
    const { useCases } = await testIntake();
    const cases = await Promise.all(Array.from({ length: 10 }, () => useCases.submitCase.execute(applicant, submission())));
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(10);
  });

  it('files at the hall the request names', async () => {
    const { useCases } = await testIntake();
    expect(await useCases.submitCase.execute(applicant, submission({ hall: OTHER_HALL }))).toMatchObject({ hall: OTHER_HALL, orgUnit: '510104' });
  });

  it('returns the first case when the filer replays an idempotency key, announcing it once', async () => {
    const { store, useCases } = await testIntake();
    const first = await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    const replay = await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    expect(replay).toEqual(first);
    expect(await announced(store)).toHaveLength(1);
  });

  it('returns one case to replays that race each other', async () => {
    const { store, useCases } = await testIntake();
    const results = await Promise.all(Array.from({ length: 3 }, () => useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-race' }))));
    expect(new Set(results.map((c) => c.id)).size).toBe(1);
    expect(await announced(store)).toHaveLength(1);
  });

  it('keeps idempotency keys per filer, and refuses a key replayed for another item', async () => {
    const { useCases } = await testIntake();
    const mine = await useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1' }));
    const theirs = await useCases.submitCase.execute(applicantFixture({ subject: 'u-applicant-li', displayName: '李四' }), submission({ idempotencyKey: 'k-1' }));
    expect(theirs.id).not.toBe(mine.id);
    await expect(useCases.submitCase.execute(applicant, submission({ idempotencyKey: 'k-1', itemCode: 'ZRZY-QR-021' }))).rejects.toMatchObject({
      kind: 'conflict',
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('refuses an unknown item and writes nothing', async () => {
    const { store, useCases } = await testIntake();
    await expect(useCases.submitCase.execute(applicant, submission({ itemCode: 'NOPE-001' }))).rejects.toMatchObject({ kind: 'invalid', code: 'ITEM_UNKNOWN' });
    expect(await announced(store)).toEqual([]);
  });
});

describe('SubmitCase for someone else (帮办代办, walk-ins)', () => {
  it('lets a clerk file for a walk-in at their hall, recording both the applicant of record and the clerk', async () => {
    const { store, useCases } = await testIntake();
    const c = await useCases.submitCase.execute(clerk, submission({ applicant: walkIn }));
    expect(c).toMatchObject({
      applicantName: '王小明',
      applicantKind: 'NATURAL_PERSON',
      applicantIdNumberMasked: '510704********2331',
      filedBy: { subject: clerk.subject, username: 'clerk-demo', role: 'CLERK' },
      channel: 'WINDOW',
      hall: HALL,
    });
    expect(c.applicantId).toMatch(/^party:[0-9a-f]{32}$/);
    // The full number is kept only sealed: nowhere in the case or its event in clear.
    expect(JSON.stringify(c)).not.toContain('510704199409022331');
    expect(c.applicantIdNumberSealed).toMatch(/^v1\./);
    expect(JSON.stringify(await announced(store))).not.toContain('510704199409022331');
  });

  it('gives the same walk-in the same applicant id every time', async () => {
    const { useCases } = await testIntake();
    const first = await useCases.submitCase.execute(clerk, submission({ applicant: walkIn }));
    const second = await useCases.submitCase.execute(clerk, submission({ applicant: { ...walkIn, name: '王小明 ' } }));
    expect(second.applicantId).toBe(first.applicantId);
  });

  it('lets an agent file for a company, recording the company as applicant and the agent as filer', async () => {
    const { useCases } = await testIntake();
    const c = await useCases.submitCase.execute(applicant, submission({ applicant: company }));
    expect(c).toMatchObject({ applicantName: '成都示例科技有限公司', applicantKind: 'LEGAL_ENTITY', filedBy: { subject: applicant.subject, role: 'AGENT' }, channel: 'ONLINE' });
    expect(c.applicantId).not.toBe(applicant.subject);
    // The agent follows the case they filed.
    expect((await useCases.getCase.execute(applicant, c.id)).id).toBe(c.id);
  });

  it('refuses a clerk filing at another hall, or without naming the applicant', async () => {
    const { useCases } = await testIntake();
    await expect(useCases.submitCase.execute(clerk, submission({ applicant: walkIn, hall: OTHER_HALL }))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.submitCase.execute(clerk, submission())).rejects.toMatchObject({ kind: 'invalid', code: 'APPLICANT_REQUIRED' });
  });

  it('refuses an applicant of record with an invalid identifier', async () => {
    const { useCases } = await testIntake();
    await expect(useCases.submitCase.execute(clerk, submission({ applicant: { ...walkIn, idNumber: '510704199409022332' } }))).rejects.toMatchObject({
      code: 'APPLICANT_INVALID',
    });
  });
});
