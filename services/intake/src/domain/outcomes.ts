import { precondition } from '@onewindow/kernel/errors';
import { unchanged, type Case, type CaseEvent, type CaseOutcome, type Decision, type Transition } from './case.js';

const DECIDABLE = ['ACCEPTED', 'APPROVED', 'CLOSED'] as const;

function requireDecidable(c: Case, what: string): void {
  if (!(DECIDABLE as readonly string[]).includes(c.status)) {
    throw precondition('CASE_WRONG_STATE', `case ${c.caseNumber} is ${c.status}; it cannot take ${what}`);
  }
}

function closed(c: Case, outcome: CaseOutcome, closedAt: string): CaseEvent {
  return {
    type: 'onewindow.intake.case.closed.v1',
    data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, licenceId: c.licenceId, closedAt, outcome },
  };
}

export interface DecisionFact {
  readonly decision: Decision;
  readonly decidedAt: string;
  /** The licence the approval leads to; null when the item produces none. */
  readonly resultLicenceType: string | null;
  /** The refusal this decision replaces, overturned by internal review (复核); absent for a first decision. */
  readonly overturns?: { readonly decidedAt: string };
}

/**
 * Approval's decision. An approval waits for its licence, or closes the case
 * when the item produces none; a rejection closes the case at once. An
 * approval that overturns the refusal the case was closed with takes its
 * place; the overturned refusal, delivered again, changes nothing.
 */
export function recordDecision(c: Case, fact: DecisionFact): Transition {
  const { decision, decidedAt } = fact;
  requireDecidable(c, 'a decision');
  if (decision === 'REJECTED' && c.overturnedRefusalAt === decidedAt) return unchanged(c);
  if (fact.overturns && c.decision === 'REJECTED') return overturnRefusal(c, fact, fact.overturns.decidedAt);
  if (c.decision !== null && c.decision !== decision) {
    throw precondition('CASE_DECISION_CONFLICT', `case ${c.caseNumber} was already ${c.decision}, not ${decision}`);
  }
  if (c.decision === decision) {
    // Repeated, or the approval behind a licence that arrived first: only its time is news.
    return c.decidedAt === null ? { case: { ...c, decidedAt }, events: [] } : unchanged(c);
  }
  if (c.status === 'CLOSED') {
    throw precondition('CASE_ALREADY_CLOSED', `case ${c.caseNumber} is closed (${c.outcome ?? ''})`);
  }
  return decided(c, fact);
}

function decided(c: Case, fact: DecisionFact): Transition {
  const { decision, decidedAt } = fact;
  if (decision === 'APPROVED' && fact.resultLicenceType !== null) {
    return { case: { ...c, status: 'APPROVED', decision, decidedAt }, events: [] };
  }
  const outcome = decision === 'APPROVED' ? 'APPROVED' : 'REJECTED';
  const done: Case = { ...c, status: 'CLOSED', decision, decidedAt, closedAt: decidedAt, outcome };
  return { case: done, events: [closed(done, outcome, decidedAt)] };
}

/** The case closed REJECTED is decided again, APPROVED: it waits for its licence, or closes APPROVED. */
function overturnRefusal(c: Case, fact: DecisionFact, refusedAt: string): Transition {
  if (c.decidedAt !== refusedAt) {
    throw precondition('CASE_DECISION_CONFLICT', `case ${c.caseNumber} was refused at ${c.decidedAt ?? '?'}, not at ${refusedAt}`);
  }
  return decided({ ...c, status: 'ACCEPTED', closedAt: null, outcome: null, decision: null, overturnedRefusalAt: refusedAt }, fact);
}

/**
 * The licence is out: the case is done (统一出件). Certificate issues only on
 * approval, so a licence that overtakes the decision closes the case all the
 * same and implies the approval (its time comes with the decision).
 */
export function recordLicenceIssued(c: Case, licenceId: string, issuedAt: string): Transition {
  requireDecidable(c, 'a licence');
  if (c.status === 'CLOSED') {
    if (c.licenceId === licenceId) return unchanged(c);
    throw precondition('CASE_ALREADY_CLOSED', `case ${c.caseNumber} is closed (${c.outcome ?? ''}); licence ${licenceId} does not fit`);
  }
  const done: Case = { ...c, status: 'CLOSED', decision: 'APPROVED', licenceId, closedAt: issuedAt, outcome: 'APPROVED' };
  return { case: done, events: [closed(done, 'APPROVED', issuedAt)] };
}
