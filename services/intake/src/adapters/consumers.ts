import { EVENT_TYPES, isEvent, TOPICS, type EventHandler } from '@onewindow/events';
import type { RecordDecision } from '../app/record-decision.js';
import type { RecordLicenceIssued } from '../app/record-licence-issued.js';

export interface IntakeConsumer {
  readonly group: string;
  readonly topics: readonly string[];
  readonly handle: EventHandler;
}

/**
 * Thin consumers: the runner has validated `data`; other types on the same
 * topics are not intake's business. Failures throw, so the runner retries
 * and dead-letters; the use cases are idempotent.
 */
export function intakeConsumers(useCases: {
  readonly recordDecision: RecordDecision;
  readonly recordLicenceIssued: RecordLicenceIssued;
}): IntakeConsumer[] {
  return [
    {
      group: 'intake.case-decisions',
      topics: [TOPICS.APPROVAL_CASE],
      handle: async (event) => {
        if (!isEvent(event, EVENT_TYPES.CASE_DECIDED)) return;
        const { caseId, decision, decidedAt, resultLicenceType, overturns } = event.data;
        await useCases.recordDecision.execute(caseId, { decision, decidedAt, resultLicenceType, ...(overturns ? { overturns } : {}) });
      },
    },
    {
      group: 'intake.licences-issued',
      topics: [TOPICS.CERTIFICATE_LICENCE],
      handle: async (event) => {
        if (!isEvent(event, EVENT_TYPES.LICENCE_ISSUED)) return;
        const { caseId, licenceId, issuedAt } = event.data;
        await useCases.recordLicenceIssued.execute(caseId, { licenceId, issuedAt });
      },
    },
  ];
}
