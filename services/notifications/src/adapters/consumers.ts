import { EVENT_TYPES, isEventType, TOPICS, type CatalogEvent, type ConsumerSpec, type EventEnvelope } from '@onewindow/events';
import type { Notify } from '../app/notify.js';
import { CLOCK_NOTICE_TYPES, NOTIFIED_TYPES, STAFF_NOTICE_TYPES } from '../domain/templates.js';

/**
 * One consumer group over every topic that carries news for an applicant,
 * for the types with a template (the rest, task.* say, are passed over by
 * the runner). Types outside the catalog (a newer version this build does
 * not know) are left for a later release rather than guessed at.
 */
export function notifyConsumer(notify: Notify): ConsumerSpec {
  return {
    group: 'notifications.inbox',
    topics: [TOPICS.INTAKE_CASE, TOPICS.APPROVAL_CASE, TOPICS.CERTIFICATE_LICENCE, TOPICS.FEES_BILL],
    types: [...NOTIFIED_TYPES, ...CLOCK_NOTICE_TYPES, ...STAFF_NOTICE_TYPES],
    handle: notifyOf(notify),
  };
}

function notifyOf(notify: Notify) {
  return async (event: EventEnvelope): Promise<void> => {
    if (!isEventType(event.type)) return;
    // startConsumer has validated `data` against the catalog schema of this type.
    await notify.execute(event as CatalogEvent);
  };
}

/**
 * One-time codes for applicants' contacts: a group of their own, so a code
 * is not queued behind a backlog of case news while it is still valid.
 */
export function contactVerificationConsumer(notify: Notify): ConsumerSpec {
  return {
    group: 'notifications.contact-verification',
    topics: [TOPICS.IDENTITY_CONTACT_VERIFICATION],
    types: [EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED],
    handle: notifyOf(notify),
  };
}
