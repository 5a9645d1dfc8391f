import { EVENT_TYPES, isEvent, TOPICS, type ConsumerSpec, type EventEnvelope } from '@onewindow/events';
import type { IssueBill } from '../app/issue-bill.js';

/** Bills each accepted case whose item carries a fee; other case events are not the fees service's business. */
export function billingConsumer(issueBill: IssueBill): ConsumerSpec {
  return {
    group: 'fees.billing',
    topics: [TOPICS.INTAKE_CASE],
    types: [EVENT_TYPES.CASE_ACCEPTED],
    handle: async (event: EventEnvelope): Promise<void> => {
      if (!isEvent(event, EVENT_TYPES.CASE_ACCEPTED)) return;
      const { data } = event;
      await issueBill.execute({
        caseId: data.caseId,
        caseNumber: data.caseNumber,
        itemCode: data.itemCode,
        itemName: data.itemName,
        applicantId: data.applicantId,
        applicantName: data.applicantName,
        hall: data.hall,
        orgUnit: data.orgUnit,
        agency: data.agency,
        fee: data.fee,
        causationId: event.id,
      });
    },
  };
}
