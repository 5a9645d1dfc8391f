import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, caseFixture, errorOf, feeItemFixture, itemFixture } from '../testing/fixtures.js';
import {
  acceptCase,
  attachDocumentFile,
  deemAccepted,
  rejectCase,
  requestSupplement,
  SYSTEM_ACTOR,
  terminateOverdue,
  type AcceptCaseInput,
  type PendingInput,
} from './acceptance.js';

const AT = new Date('2026-01-05T03:00:00.000Z');
/** 00:00 in China on Tuesday 13 January 2026: the day after the notice due date of a case received on 5 January. */
const AFTER_NOTICE_DUE = new Date('2026-01-12T16:00:00.000Z');
const LAST_MOMENT = new Date('2026-01-12T15:59:59.000Z');

const accept = (overrides: Partial<AcceptCaseInput> = {}): AcceptCaseInput => ({
  item: itemFixture(),
  by: 'u-clerk-li',
  opinion: '材料齐全',
  now: AT,
  documentId: 'doc-1',
  pending: null,
  creditFlagged: false,
  windowDecision: null,
  ...overrides,
});

const pending = (overrides: Partial<PendingInput> = {}): PendingInput => ({
  materialCodes: ['M03'],
  commitment: { text: '本人承诺5个工作日内补齐', signedBy: '张三', fileId: null },
  deadlineWorkingDays: 5,
  dueDate: '2026-01-12',
  ...overrides,
});

describe('acceptCase (受理)', () => {
  it('accepts with who and when, notifies, and records the missing materials as received on paper at the window', () => {
    const { case: c } = acceptCase(caseFixture(), accept());
    expect(c).toMatchObject({
      status: 'ACCEPTED',
      acceptanceKind: 'STANDARD',
      acceptedAt: AT.toISOString(),
      acceptedBy: 'u-clerk-li',
      acceptanceOpinion: '材料齐全',
      notifiedAt: AT.toISOString(),
      paperMaterials: ['M02', 'M03'],
      documents: [{ id: 'doc-1', kind: 'ACCEPTANCE_RECEIPT', issuedAt: AT.toISOString(), sha256: null, size: 0 }],
    });
  });

  it('announces case.accepted with the limits, the licence type and where approval happens', () => {
    const { events } = acceptCase(caseFixture(), accept());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'onewindow.intake.case.accepted.v1',
      data: {
        orgUnit: '510100',
        agency: '市场监督管理局',
        acceptedBy: 'u-clerk-li',
        statutoryLimitDays: 3,
        promisedLimitDays: 0.5,
        fee: null,
        resultLicenceType: 'BUSINESS_LICENCE',
        caseKind: 'IMMEDIATE',
        acceptanceKind: 'STANDARD',
      },
    });
    expect(events[0]?.data).not.toHaveProperty('pending');
    expect(events[0]?.data).not.toHaveProperty('decidedAtWindow');
  });

  it.each([
    [{}, 8000],
    [{ propertyUse: 'non-residential' }, 55000],
  ])('charges the per-case fee the form %j picks: %i fen', (form, amountFen) => {
    const item = feeItemFixture();
    const { events } = acceptCase(caseFixture({ itemCode: item.code, form }), accept({ item }));
    expect(events[0]?.data).toMatchObject({ fee: { amountFen, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' } });
  });

  it.each(['DRAFT', 'SUPPLEMENT_REQUESTED', 'ACCEPTED', 'NOT_ACCEPTED', 'CLOSED'] as const)('refuses to accept a case that is %s', (status) => {
    expect(errorOf(() => acceptCase(caseFixture({ status }), accept()))).toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
  });

  it('refuses an item version other than the one the case was submitted under', () => {
    expect(errorOf(() => acceptCase(caseFixture(), accept({ item: itemFixture({ version: 2 }) }))).code).toBe('ITEM_VERSION_MISMATCH');
  });

  it('announces the commitments that replaced proofs, for verification afterwards (告知承诺制)', () => {
    const c = caseFixture({
      commitments: [{ materialCode: 'M03', text: '承诺', signedBy: '张三', signedAt: '2026-01-05T02:00:00.000Z', verification: 'PENDING' }],
      missingMaterials: ['M02'],
    });
    const { case: accepted, events } = acceptCase(c, accept());
    expect(accepted.paperMaterials).toEqual(['M02']);
    expect(events[0]?.data).toMatchObject({ commitments: [{ materialCode: 'M03', signedBy: '张三', signedAt: '2026-01-05T02:00:00.000Z' }] });
  });
});

describe('acceptCase with pending materials (容缺受理)', () => {
  it('accepts with the named materials pending, under the signed commitment, due on the given day', () => {
    const { case: c, events } = acceptCase(caseFixture(), accept({ pending: pending() }));
    expect(c).toMatchObject({
      acceptanceKind: 'WITH_PENDING',
      paperMaterials: ['M02'],
      pending: { materialCodes: ['M03'], dueDate: '2026-01-12', deadlineWorkingDays: 5, supplied: [], suppliedAt: null, commitment: { signedBy: '张三' } },
    });
    expect(events[0]?.data).toMatchObject({ acceptanceKind: 'WITH_PENDING', pending: { materialCodes: ['M03'], dueDate: '2026-01-12' } });
  });

  it('is not offered to an applicant with a bad credit record', () => {
    const err = errorOf(() => acceptCase(caseFixture(), accept({ pending: pending(), creditFlagged: true })));
    expect(err).toMatchObject({ kind: 'precondition', code: 'CREDIT_FLAGGED' });
  });

  it('ignores the credit record when nothing is pending', () => {
    expect(acceptCase(caseFixture(), accept({ creditFlagged: true })).case.status).toBe('ACCEPTED');
  });

  it('refuses pending materials already given, unknown, or all of them at once (the main materials must be there)', () => {
    const given = errorOf(() => acceptCase(caseFixture(), accept({ pending: pending({ materialCodes: ['M01'] }) })));
    expect(given).toMatchObject({ code: 'PENDING_INVALID' });
    expect(given.details[0]?.message).toContain('already given');
    const unknown = errorOf(() => acceptCase(caseFixture(), accept({ pending: pending({ materialCodes: ['M09'] }) })));
    expect(unknown.details[0]?.message).toContain('not a required material');
    const everything = caseFixture({ materials: [], missingMaterials: ['M01', 'M02', 'M03'] });
    const all = errorOf(() => acceptCase(everything, accept({ pending: pending({ materialCodes: ['M01', 'M02', 'M03'] }) })));
    expect(all.details.map((d) => d.message)).toContain('the main materials must be present; not every material can be pending');
  });

  it('refuses a pending acceptance without a signed commitment or with a deadline out of range', () => {
    const err = errorOf(() =>
      acceptCase(caseFixture(), accept({ pending: pending({ commitment: { text: ' ', signedBy: '', fileId: null }, deadlineWorkingDays: 31 }) })),
    );
    expect(err.details.map((d) => d.field)).toEqual(['pending.commitment.text', 'pending.commitment.signedBy', 'pending.deadlineWorkingDays']);
  });
});

describe('acceptCase of an immediate item (即办件)', () => {
  const decision = { decision: 'APPROVED' as const, opinion: '符合条件，准予登记', legalBasis: [] };

  it('decides at the window with the acceptance and tells approval so in case.accepted', () => {
    const { case: c, events } = acceptCase(caseFixture(), accept({ windowDecision: decision }));
    expect(c.windowDecision).toEqual({
      decision: 'APPROVED',
      opinion: '符合条件，准予登记',
      legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'],
      decidedBy: 'u-clerk-li',
    });
    expect(events[0]?.data).toMatchObject({ decidedAtWindow: { decision: 'APPROVED', decidedBy: 'u-clerk-li' } });
  });

  it('refuses a window decision for an item that is not an immediate one', () => {
    const item = feeItemFixture();
    const err = errorOf(() => acceptCase(caseFixture({ itemCode: item.code }), accept({ item, windowDecision: decision })));
    expect(err).toMatchObject({ kind: 'precondition', code: 'NOT_AN_IMMEDIATE_ITEM' });
  });

  it('refuses a window decision together with pending materials, or without an opinion', () => {
    expect(errorOf(() => acceptCase(caseFixture(), accept({ windowDecision: decision, pending: pending() }))).code).toBe('WINDOW_DECISION_INVALID');
    expect(errorOf(() => acceptCase(caseFixture(), accept({ windowDecision: { ...decision, opinion: '' } }))).code).toBe('WINDOW_DECISION_INVALID');
  });
});

describe('deemAccepted (Art. 32: not answered within 5 working days)', () => {
  const input = (now: Date) => ({ item: itemFixture(), now, documentId: 'doc-deemed' });

  it('counts the case as accepted from the day of receipt, by the system, with a receipt', () => {
    const { case: c, events } = deemAccepted(caseFixture(), input(AFTER_NOTICE_DUE));
    expect(c).toMatchObject({
      status: 'ACCEPTED',
      acceptanceKind: 'DEEMED',
      acceptedAt: '2026-01-05T02:00:00.000Z',
      acceptedBy: SYSTEM_ACTOR,
      notifiedAt: AFTER_NOTICE_DUE.toISOString(),
      documents: [{ id: 'doc-deemed', kind: 'ACCEPTANCE_RECEIPT' }],
    });
    expect(c.acceptanceOpinion).toContain('第三十二条');
    expect(events[0]).toMatchObject({
      type: 'onewindow.intake.case.accepted.v1',
      data: { acceptanceKind: 'DEEMED', acceptedAt: '2026-01-05T02:00:00.000Z', acceptedBy: SYSTEM_ACTOR },
    });
  });

  it('does nothing before the due day is over', () => {
    expect(errorOf(() => deemAccepted(caseFixture(), input(LAST_MOMENT)))).toMatchObject({ kind: 'precondition', code: 'NOTICE_NOT_OVERDUE' });
  });

  it('does nothing once the applicant was told (a one-time notice stops the clock)', () => {
    const notified = caseFixture({ notifiedAt: '2026-01-06T02:00:00.000Z' });
    expect(errorOf(() => deemAccepted(notified, input(AFTER_NOTICE_DUE))).code).toBe('NOTICE_NOT_OVERDUE');
    expect(errorOf(() => deemAccepted(caseFixture({ status: 'SUPPLEMENT_REQUESTED' }), input(AFTER_NOTICE_DUE))).code).toBe('CASE_WRONG_STATE');
  });
});

describe('rejectCase (不予受理)', () => {
  const reject = { reason: '申请事项不属于本机关职权范围', legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（二）项'], by: 'u-clerk-li', now: AT, documentId: 'doc-2' };

  it('refuses to accept with the reason and legal basis, issues the notice and announces case.rejected', () => {
    const { case: c, events } = rejectCase(caseFixture(), reject);
    expect(c).toMatchObject({
      status: 'NOT_ACCEPTED',
      rejection: { reason: reject.reason, legalBasis: reject.legalBasis, rejectedBy: 'u-clerk-li', rejectedAt: AT.toISOString() },
      notifiedAt: AT.toISOString(),
      documents: [{ id: 'doc-2', kind: 'NON_ACCEPTANCE_NOTICE' }],
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'onewindow.intake.case.rejected.v1',
        data: expect.objectContaining({ reason: reject.reason, legalBasis: reject.legalBasis, documentId: 'doc-2' }),
      }),
    ]);
  });

  it('may refuse after a one-time notice, but not after acceptance', () => {
    expect(rejectCase(caseFixture({ status: 'SUPPLEMENT_REQUESTED' }), reject).case.status).toBe('NOT_ACCEPTED');
    expect(errorOf(() => rejectCase(acceptedCaseFixture(), reject)).code).toBe('CASE_WRONG_STATE');
  });

  it('refuses a refusal without a reason or a legal basis', () => {
    const err = errorOf(() => rejectCase(caseFixture(), { ...reject, reason: ' ', legalBasis: [] }));
    expect(err).toMatchObject({ kind: 'invalid', code: 'REJECTION_INVALID' });
    expect(err.details.map((d) => d.field)).toEqual(['reason', 'legalBasis']);
  });
});

describe('requestSupplement (一次性告知)', () => {
  const item = itemFixture();
  const all = [
    { materialCode: 'M01', problem: 'DEFICIENT' as const, note: '申请书未签字' },
    { materialCode: 'M02', problem: 'MISSING' as const, note: '' },
    { materialCode: 'M03', problem: 'MISSING' as const, note: '' },
  ];
  const request = (deficiencies = all) => ({ item, deficiencies, opinion: '请一次性补齐', by: 'u-clerk-li', now: AT, documentId: 'doc-3' });

  it('lists every missing and deficient material at once, stops the notice clock and announces it with material names', () => {
    const { case: c, events } = requestSupplement(caseFixture(), request());
    expect(c).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED',
      notifiedAt: AT.toISOString(),
      supplementRequest: { deficiencies: all, requestedBy: 'u-clerk-li', supplied: [], supplementedAt: null },
      documents: [{ id: 'doc-3', kind: 'ONE_TIME_NOTICE' }],
    });
    expect(events[0]).toMatchObject({
      type: 'onewindow.intake.case.supplement-requested.v1',
      data: { deficiencies: [{ materialCode: 'M01', materialName: '材料M01', problem: 'DEFICIENT' }, { materialCode: 'M02' }, { materialCode: 'M03' }] },
    });
  });

  it('refuses a notice that leaves out a missing material', () => {
    const err = errorOf(() => requestSupplement(caseFixture(), request(all.slice(0, 2))));
    expect(err).toMatchObject({ kind: 'invalid', code: 'NOTICE_INCOMPLETE' });
    expect(err.details[0]?.message).toBe('add M03');
  });

  it('refuses a second notice for the same case: the first had to list everything', () => {
    const supplemented = caseFixture({
      supplementRequest: { deficiencies: all, opinion: '', requestedBy: 'u-clerk-li', requestedAt: AT.toISOString(), supplied: ['M01', 'M02', 'M03'], supplementedAt: AT.toISOString() },
    });
    expect(errorOf(() => requestSupplement(supplemented, request()))).toMatchObject({ kind: 'precondition', code: 'SUPPLEMENT_ALREADY_REQUESTED' });
  });

  it('refuses a notice for an accepted case', () => {
    expect(errorOf(() => requestSupplement(acceptedCaseFixture(), request())).code).toBe('CASE_WRONG_STATE');
  });
});

describe('terminateOverdue (容缺受理 deadline missed)', () => {
  const withPending = (overrides: Partial<NonNullable<Parameters<typeof acceptedCaseFixture>[0]>> = {}) =>
    acceptedCaseFixture({
      acceptanceKind: 'WITH_PENDING',
      pending: { materialCodes: ['M02', 'M03'], commitment: { text: '承诺', signedBy: '张三', fileId: null }, deadlineWorkingDays: 5, dueDate: '2026-01-12', supplied: ['M02'], suppliedAt: null },
      ...overrides,
    });

  it('terminates the case the day after the due date, announcing case.terminated and case.closed', () => {
    const { case: c, events } = terminateOverdue(withPending(), AFTER_NOTICE_DUE);
    expect(c).toMatchObject({ status: 'TERMINATED', terminatedAt: AFTER_NOTICE_DUE.toISOString(), outcome: 'TERMINATED' });
    expect(events.map((e) => e.type)).toEqual(['onewindow.intake.case.terminated.v1', 'onewindow.intake.case.closed.v1']);
    expect(events[0]?.data).toMatchObject({ reason: 'PENDING_MATERIALS_OVERDUE', materialCodes: ['M03'], dueDate: '2026-01-12' });
    expect(events[1]?.data).toMatchObject({ outcome: 'TERMINATED', licenceId: null });
  });

  it('leaves the case alone on the due date itself and once the materials are in', () => {
    expect(errorOf(() => terminateOverdue(withPending(), LAST_MOMENT))).toMatchObject({ code: 'PENDING_NOT_OVERDUE' });
    const supplied = withPending();
    const done = { ...supplied, pending: supplied.pending && { ...supplied.pending, supplied: ['M02', 'M03'], suppliedAt: AT.toISOString() } };
    expect(errorOf(() => terminateOverdue(done, AFTER_NOTICE_DUE))).toMatchObject({ code: 'PENDING_NOT_OVERDUE' });
    expect(errorOf(() => terminateOverdue(acceptedCaseFixture(), AFTER_NOTICE_DUE))).toMatchObject({ code: 'PENDING_NOT_OVERDUE' });
  });
});

describe('attachDocumentFile', () => {
  it('completes the document the transition issued with its stored PDF', () => {
    const accepted = acceptCase(caseFixture(), accept()).case;
    expect(attachDocumentFile(accepted, 'doc-1', { sha256: 'ab'.repeat(32), size: 1234 }).documents[0]).toMatchObject({ sha256: 'ab'.repeat(32), size: 1234 });
    expect(errorOf(() => attachDocumentFile(accepted, 'doc-9', { sha256: 'ab', size: 1 })).code).toBe('DOCUMENT_UNKNOWN');
  });
});
