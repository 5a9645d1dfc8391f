import type { Notice } from './notice.js';
import { renderAll, type Locale, type Text } from './template.js';
import { templateFor } from './templates.js';

/** IN_APP only for now; SMS, EMAIL and WEBHOOK channels are later issues. */
export const CHANNELS = ['IN_APP'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** One message to one recipient on one channel, rendered in every language. */
export interface Message {
  /** `${eventId}:${channel}`: one message per event and channel, however often the event arrives. */
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly recipientId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly channel: ChannelName;
  /** The template key: the event type it renders. */
  readonly template: string;
  readonly texts: Readonly<Record<Locale, Text>>;
  /** When the event happened. */
  readonly occurredAt: string;
  readonly createdAt: string;
}

export interface Cause {
  readonly eventId: string;
  readonly eventType: string;
  readonly occurredAt: string;
}

export const messageId = (eventId: string, channel: ChannelName) => `${eventId}:${channel}`;

export function composeMessage(notice: Notice, cause: Cause, channel: ChannelName, now: Date): Message {
  return {
    // A notice to one of several staff recipients of the same event gets its own id.
    id: notice.perRecipient ? `${messageId(cause.eventId, channel)}:${notice.recipientId}` : messageId(cause.eventId, channel),
    eventId: cause.eventId,
    eventType: cause.eventType,
    recipientId: notice.recipientId,
    caseId: notice.caseId,
    caseNumber: notice.caseNumber,
    channel,
    template: notice.template,
    texts: renderAll(templateFor(notice.template), notice.values),
    occurredAt: cause.occurredAt,
    createdAt: now.toISOString(),
  };
}
