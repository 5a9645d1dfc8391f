import type { CatalogEvent } from '@onewindow/events';
import type { Clock } from '@onewindow/kernel';
import { composeMessage } from '../domain/message.js';
import { noticeFor, staffNoticesFor } from '../domain/notice.js';
import type { Channel, DeliveryResult } from './ports.js';

/**
 * Tells the applicant about an event that concerns them, and the staff an
 * electronic-supervision warning concerns, on every channel: one message
 * per event, recipient and channel, however often the event arrives.
 */
export class Notify {
  constructor(
    private readonly channels: readonly Channel[],
    private readonly clock: Clock,
  ) {}

  async execute(event: CatalogEvent): Promise<DeliveryResult[]> {
    const applicant = noticeFor(event);
    const notices = [...(applicant ? [applicant] : []), ...staffNoticesFor(event)];
    if (notices.length === 0) return [];
    const now = this.clock.now();
    const cause = { eventId: event.id, eventType: event.type, occurredAt: event.time };
    const results: DeliveryResult[] = [];
    for (const notice of notices) {
      for (const channel of this.channels) {
        results.push(await channel.send(composeMessage(notice, cause, channel.name, now)));
      }
    }
    return results;
  }
}
