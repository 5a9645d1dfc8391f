import type { Notice } from './notice.js';
import { renderAll, renderMasked, type Locale, type Text } from './template.js';
import { templateFor } from './templates.js';

/** The inbox, and the contact channels one-time codes go out on; WEBHOOK is a later issue. */
export const CHANNELS = ['IN_APP', 'SMS', 'EMAIL'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** A mobile number or an email address a message goes to, rather than the recipient's inbox. */
export interface Destination {
  readonly kind: 'mobile' | 'email';
  readonly value: string;
}

const CHANNEL_OF: Readonly<Record<Destination['kind'], ChannelName>> = { mobile: 'SMS', email: 'EMAIL' };

/** A notice to a contact goes out on that contact's channel only; every other notice goes to the inbox. */
export function channelsFor(notice: Notice): ChannelName[] {
  return notice.destination ? [CHANNEL_OF[notice.destination.kind]] : ['IN_APP'];
}

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
  /** SMS and EMAIL: the number or address. */
  readonly destination?: Destination;
  /** A one-time code's end of validity: not sent after it (adapters/outbound-relay.ts). */
  readonly expiresAt?: string;
  /** The template key: the event type it renders. */
  readonly template: string;
  readonly texts: Readonly<Record<Locale, Text>>;
  /** The texts with their secrets masked: they replace `texts` once the message is settled (domain/delivery.ts). */
  readonly maskedTexts?: Readonly<Record<Locale, Text>>;
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
  const template = templateFor(notice.template);
  const maskedTexts = renderMasked(template, notice.values);
  return {
    // A notice to one of several staff recipients of the same event gets its own id.
    id: notice.perRecipient ? `${messageId(cause.eventId, channel)}:${notice.recipientId}` : messageId(cause.eventId, channel),
    eventId: cause.eventId,
    eventType: cause.eventType,
    recipientId: notice.recipientId,
    caseId: notice.caseId,
    caseNumber: notice.caseNumber,
    channel,
    ...(notice.destination ? { destination: notice.destination } : {}),
    ...(notice.expiresAt ? { expiresAt: notice.expiresAt } : {}),
    template: notice.template,
    texts: renderAll(template, notice.values),
    ...(maskedTexts ? { maskedTexts } : {}),
    occurredAt: cause.occurredAt,
    createdAt: now.toISOString(),
  };
}
