import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, caseFixture, errorOf } from '../testing/fixtures.js';
import { recordDecision, recordLicenceIssued } from './outcomes.js';

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

  it.each(['DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'NOT_ACCEPTED', 'TERMINATED'] as const)('refuses a decision on a case that is %s', (status) => {
    expect(errorOf(() => recordDecision(caseFixture({ status }), approved))).toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
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
