import type { CatalogEvent } from '@onewindow/events/catalog';
import type { Clock } from '@onewindow/kernel';
import { unavailable } from '@onewindow/kernel';
import { channelsFor, composeMessage } from '../domain/message.js';
import { contactNoticeFor, noticeFor, staffNoticesFor } from '../domain/notice.js';
import type { Channel, DeliveryResult } from './ports.js';

/**
 * Tells the applicant about an event that concerns them (in the inbox),
 * the staff an electronic-supervision warning concerns, and a contact the
 * one-time code that verifies it (by SMS or email only): one message per
 * event, recipient and channel, however often the event arrives.
 */
export class Notify {
  constructor(
    private readonly channels: readonly Channel[],
    private readonly clock: Clock,
  ) {}

  async execute(event: CatalogEvent): Promise<DeliveryResult[]> {
    const now = this.clock.now();
    const applicant = noticeFor(event);
    const contact = contactNoticeFor(event, now);
    const notices = [...(applicant ? [applicant] : []), ...(contact ? [contact] : []), ...staffNoticesFor(event)];
    if (notices.length === 0) return [];
    const cause = { eventId: event.id, eventType: event.type, occurredAt: event.time };
    const results: DeliveryResult[] = [];
    for (const notice of notices) {
      for (const name of channelsFor(notice)) {
        const channel = this.channels.find((c) => c.name === name);
        // Thrown, so the event is retried and dead-lettered rather than dropped.
        if (!channel) throw unavailable('CHANNEL_NOT_CONFIGURED', `no ${name} channel is configured`);
        results.push(await channel.send(composeMessage(notice, cause, name, now)));
      }
    }
    return results;
  }
}
