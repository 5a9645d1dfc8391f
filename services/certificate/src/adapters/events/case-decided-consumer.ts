import { EVENT_TYPES, isEvent, TOPICS, type ConsumerSpec } from '@onewindow/events';
import type { IssueLicence } from '../../app/issue-licence.js';

/** Issues the licence of every approval that calls for one; other approval events are not this group's business. */
export function caseDecidedConsumer(issueLicence: IssueLicence): ConsumerSpec {
  return {
    group: 'certificate.licence-issuance',
    topics: [TOPICS.APPROVAL_CASE],
    types: [EVENT_TYPES.CASE_DECIDED],
    handle: async (event) => {
      if (!isEvent(event, EVENT_TYPES.CASE_DECIDED)) return;
      await issueLicence.execute(event.data);
    },
  };
}
