import { newEvent, toOutboxMessage } from '@onewindow/events/catalog';
import type { OutboxMessage } from '@onewindow/store/port';
import type { CaseEvent } from '../domain/case.js';

export const EVENT_SOURCE = 'onewindow/intake';

/** The outbox rows for a case's events: committed in the same write as the case (never published directly). */
export function announce(caseId: string, events: readonly CaseEvent[], time: Date): OutboxMessage[] {
  return events.map((event) =>
    toOutboxMessage(newEvent({ type: event.type, data: event.data, source: EVENT_SOURCE, subject: caseId, time })),
  );
}
