import { DomainError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import {
  acceptedCaseFixture,
  caseFixture,
  feeItemFixture,
  HALL,
  itemFixture,
} from '../testing/fixtures.js';
import { acceptCase, recordDecision, recordLicenceIssued, submitCase, type SubmitCaseInput } from './case.js';

const NOW = new Date('2026-01-05T02:00:00.000Z');

function submission(overrides: Partial<SubmitCaseInput> = {}): SubmitCaseInput {
  return {
    id: 'case-1',
    caseNumber: 'OW-20260105-000001',
    item: itemFixture(),
    applicant: { id: 'u-applicant-zhang', name: '张三' },
    hall: HALL,
    materials: [{ code: 'M01', fileId: 'file-1', licenceId: null }],
    form: {},
    idempotencyKey: null,
    now: NOW,
    ...overrides,
  };
}

function errorOf(attempt: () => unknown): DomainError {
  try {
    attempt();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
}

describe('submitCase', () => {
  it('creates a SUBMITTED case under the item version, routed to the hall org unit and the item agency', () => {
    const { case: c } = submitCase(submission({ item: itemFixture({ version: 3 }) }));
    expect(c).toMatchObject({
      status: 'SUBMITTED',
      itemCode: 'SCJG-DJ-001',
      itemVersion: 3,
      hall: HALL,
      orgUnit: '510100',
      agency: '市场监督管理局',
      submittedAt: NOW.toISOString(),
    });
  });

  it('records what was given and lists the required materials that are missing, without refusing', () => {
    const { case: c } = submitCase(
      submission({
        materials: [
          { code: 'M01', fileId: 'file-1', licenceId: null },
          { code: 'M03', fileId: null, licenceId: 'licence-9' },
        ],
      }),
    );
    expect(c.materials.map((m) => m.code)).toEqual(['M01', 'M03']);
    expect(c.missingMaterials).toEqual(['M02']);
  });

  it('announces case.submitted with the case number and applicant', () => {
    const { case: c, events } = submitCase(submission());
    expect(events).toEqual([
      {
        type: 'onewindow.intake.case.submitted.v1',
        data: {
          caseId: c.id,
          caseNumber: 'OW-20260105-000001',
          itemCode: 'SCJG-DJ-001',
          itemVersion: 1,
          itemName: '企业设立登记',
          applicantId: 'u-applicant-zhang',
          applicantName: '张三',
          hall: HALL,
          submittedAt: NOW.toISOString(),
        },
      },
    ]);
  });

  it('refuses materials that are not the item’s, given twice, or given with neither file nor licence', () => {
    const err = errorOf(() =>
      submitCase(
        submission({
          materials: [
            { code: 'M09', fileId: 'f', licenceId: null },
            { code: 'M01', fileId: 'f', licenceId: null },
            { code: 'M01', fileId: null, licenceId: null },
          ],
        }),
      ),
    );
    expect(err).toMatchObject({ kind: 'invalid', code: 'CASE_INVALID' });
    expect(err.details.map((d) => d.field)).toEqual(['materials.0.code', 'materials.2.code', 'materials.2']);
  });

  it('refuses a hall code it cannot route', () => {
    expect(errorOf(() => submitCase(submission({ hall: 'front-desk' })))).toMatchObject({ code: 'HALL_INVALID' });
  });

  it('refuses a property use that picks no fee rule of a fee-charging item', () => {
    const err = errorOf(() => submitCase(submission({ item: feeItemFixture(), form: { propertyUse: 'castle' } })));
    expect(err).toMatchObject({ kind: 'invalid', code: 'FORM_INVALID' });
  });
});

describe('acceptCase', () => {
  const at = new Date('2026-01-05T03:00:00.000Z');

  it('moves a submitted case to ACCEPTED with who and when', () => {
    const { case: c } = acceptCase(caseFixture(), { item: itemFixture(), by: 'u-clerk-li', opinion: '材料齐全', now: at });
    expect(c).toMatchObject({ status: 'ACCEPTED', acceptedAt: at.toISOString(), acceptedBy: 'u-clerk-li', acceptanceOpinion: '材料齐全' });
  });

  it('announces case.accepted with the limits, no fee and the licence type of a free item', () => {
    const { events } = acceptCase(caseFixture(), { item: itemFixture(), by: 'u-clerk-li', opinion: '', now: at });
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('onewindow.intake.case.accepted.v1');
    expect(events[0]?.data).toMatchObject({
      orgUnit: '510100',
      agency: '市场监督管理局',
      acceptedBy: 'u-clerk-li',
      statutoryLimitDays: 3,
      promisedLimitDays: 0.5,
      fee: null,
      resultLicenceType: 'BUSINESS_LICENCE',
      caseKind: 'IMMEDIATE',
    });
  });

  it.each([
    [{}, 8000],
    [{ propertyUse: 'residential' }, 8000],
    [{ propertyUse: 'non-residential' }, 55000],
  ])('charges the per-case fee the form %j picks: %i fen', (form, amountFen) => {
    const item = feeItemFixture();
    const c = caseFixture({ itemCode: item.code, form });
    const { events } = acceptCase(c, { item, by: 'u-clerk-li', opinion: '', now: at });
    expect(events[0]?.data).toMatchObject({ fee: { amountFen, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' } });
  });

  it.each(['ACCEPTED', 'APPROVED', 'CLOSED'] as const)('refuses to accept a case that is %s', (status) => {
    const err = errorOf(() => acceptCase(caseFixture({ status }), { item: itemFixture(), by: 'u-clerk-li', opinion: '', now: at }));
    expect(err).toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
  });

  it('refuses an item version other than the one the case was submitted under', () => {
    const err = errorOf(() => acceptCase(caseFixture(), { item: itemFixture({ version: 2 }), by: 'u-clerk-li', opinion: '', now: at }));
    expect(err.code).toBe('ITEM_VERSION_MISMATCH');
  });
});

describe('recordDecision', () => {
  const decidedAt = '2026-01-06T08:00:00.000Z';
  const approved = { decision: 'APPROVED', decidedAt, resultLicenceType: 'BUSINESS_LICENCE' } as const;
  const rejected = { decision: 'REJECTED', decidedAt, resultLicenceType: 'BUSINESS_LICENCE' } as const;

  it('moves an accepted case to APPROVED to wait for its licence, announcing nothing', () => {
    const { case: c, events } = recordDecision(acceptedCaseFixture(), approved);
    expect(c).toMatchObject({ status: 'APPROVED', decision: 'APPROVED', decidedAt, closedAt: null });
    expect(events).toEqual([]);
  });

  it('closes a rejected case at once with outcome REJECTED and announces case.closed', () => {
    const { case: c, events } = recordDecision(acceptedCaseFixture(), rejected);
    expect(c).toMatchObject({ status: 'CLOSED', decision: 'REJECTED', outcome: 'REJECTED', closedAt: decidedAt, licenceId: null });
    expect(events).toEqual([
      {
        type: 'onewindow.intake.case.closed.v1',
        data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, licenceId: null, closedAt: decidedAt, outcome: 'REJECTED' },
      },
    ]);
  });

  it('closes an approved case whose item produces no licence', () => {
    const { case: c, events } = recordDecision(acceptedCaseFixture(), { ...approved, resultLicenceType: null });
    expect(c).toMatchObject({ status: 'CLOSED', outcome: 'APPROVED', licenceId: null });
    expect(events.map((e) => e.type)).toEqual(['onewindow.intake.case.closed.v1']);
  });

  it('changes nothing when the same decision arrives again', () => {
    const once = recordDecision(acceptedCaseFixture(), rejected).case;
    const again = recordDecision(once, rejected);
    expect(again.case).toBe(once);
    expect(again.events).toEqual([]);
  });

  it('only fills in the decision time when the approval follows a licence that overtook it', () => {
    const closedByLicence = recordLicenceIssued(acceptedCaseFixture(), 'licence-1', '2026-01-06T09:00:00.000Z').case;
    const { case: c, events } = recordDecision(closedByLicence, approved);
    expect(c).toEqual({ ...closedByLicence, decidedAt });
    expect(events).toEqual([]);
  });

  it('refuses a decision that contradicts the one recorded', () => {
    const approvedCase = recordDecision(acceptedCaseFixture(), approved).case;
    expect(errorOf(() => recordDecision(approvedCase, rejected))).toMatchObject({ kind: 'precondition', code: 'CASE_DECISION_CONFLICT' });
  });

  it('refuses a decision on a case that was never accepted', () => {
    expect(errorOf(() => recordDecision(caseFixture(), approved))).toMatchObject({ code: 'CASE_WRONG_STATE' });
  });
});

describe('recordLicenceIssued', () => {
  const issuedAt = '2026-01-06T09:00:00.000Z';

  it('closes an approved case with the licence and announces case.closed with outcome APPROVED', () => {
    const approvedCase = acceptedCaseFixture({ status: 'APPROVED', decision: 'APPROVED', decidedAt: '2026-01-06T08:00:00.000Z' });
    const { case: c, events } = recordLicenceIssued(approvedCase, 'licence-1', issuedAt);
    expect(c).toMatchObject({ status: 'CLOSED', licenceId: 'licence-1', closedAt: issuedAt, outcome: 'APPROVED' });
    expect(events).toEqual([
      {
        type: 'onewindow.intake.case.closed.v1',
        data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, licenceId: 'licence-1', closedAt: issuedAt, outcome: 'APPROVED' },
      },
    ]);
  });

  it('closes an accepted case when the licence overtakes the decision, implying the approval', () => {
    const { case: c } = recordLicenceIssued(acceptedCaseFixture(), 'licence-1', issuedAt);
    expect(c).toMatchObject({ status: 'CLOSED', decision: 'APPROVED', decidedAt: null, licenceId: 'licence-1' });
  });

  it('changes nothing when the same licence arrives again', () => {
    const once = recordLicenceIssued(acceptedCaseFixture(), 'licence-1', issuedAt).case;
    const again = recordLicenceIssued(once, 'licence-1', issuedAt);
    expect(again.case).toBe(once);
    expect(again.events).toEqual([]);
  });

  it('refuses a licence for a rejected case or a second licence for a closed one', () => {
    const rejectedCase = recordDecision(acceptedCaseFixture(), { decision: 'REJECTED', decidedAt: issuedAt, resultLicenceType: null }).case;
    expect(errorOf(() => recordLicenceIssued(rejectedCase, 'licence-1', issuedAt)).code).toBe('CASE_ALREADY_CLOSED');
    const closedCase = recordLicenceIssued(acceptedCaseFixture(), 'licence-1', issuedAt).case;
    expect(errorOf(() => recordLicenceIssued(closedCase, 'licence-2', issuedAt)).code).toBe('CASE_ALREADY_CLOSED');
  });

  it('refuses a licence for a case that was never accepted', () => {
    expect(errorOf(() => recordLicenceIssued(caseFixture(), 'licence-1', issuedAt))).toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
  });
});
