import { EVENT_TYPES, isEvent, TOPICS, type EventHandler } from '@onewindow/events';
import type { OpenReviewTask } from '../app/open-review-task.js';

/** Opens the review task of every accepted case; other intake events are not this group's business. */
export function caseAcceptedConsumer(openReviewTask: OpenReviewTask): {
  group: string;
  topics: readonly string[];
  handle: EventHandler;
} {
  return {
    group: 'approval.review-tasks',
    topics: [TOPICS.INTAKE_CASE],
    handle: async (event) => {
      if (!isEvent(event, EVENT_TYPES.CASE_ACCEPTED)) return;
      await openReviewTask.execute(event.data);
    },
  };
}
