import { EVENT_TYPES, isEvent, TOPICS, type ConsumerSpec } from '@onewindow/events';
import type { RecordDecision } from '../app/record-decision.js';
import type { RecordLicenceIssued } from '../app/record-licence-issued.js';

/**
 * Thin consumers: the runner has validated `data` and passes over the
 * other types on the same topics, which are not intake's business.
 * Failures throw, so the runner retries and dead-letters; the use cases are
 * idempotent.
 */
export function intakeConsumers(useCases: {
  readonly recordDecision: RecordDecision;
  readonly recordLicenceIssued: RecordLicenceIssued;
}): ConsumerSpec[] {
  return [
    {
      group: 'intake.case-decisions',
      topics: [TOPICS.APPROVAL_CASE],
      types: [EVENT_TYPES.CASE_DECIDED],
      handle: async (event) => {
        if (!isEvent(event, EVENT_TYPES.CASE_DECIDED)) return;
        const { caseId, decision, decidedAt, resultLicenceType, overturns } = event.data;
        await useCases.recordDecision.execute(caseId, { decision, decidedAt, resultLicenceType, overturns });
      },
    },
    {
      group: 'intake.licences-issued',
      topics: [TOPICS.CERTIFICATE_LICENCE],
      types: [EVENT_TYPES.LICENCE_ISSUED],
      handle: async (event) => {
        if (!isEvent(event, EVENT_TYPES.LICENCE_ISSUED)) return;
        const { caseId, licenceId, issuedAt } = event.data;
        await useCases.recordLicenceIssued.execute(caseId, { licenceId, issuedAt });
      },
    },
  ];
}
