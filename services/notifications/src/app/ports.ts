import type { ChannelName, Message } from '../domain/message.js';

export interface DeliveryResult {
  readonly channel: ChannelName;
  readonly messageId: string;
  /** DUPLICATE: this message (same event, same channel) was delivered before; nothing was sent again. */
  readonly status: 'DELIVERED' | 'DUPLICATE';
}

/**
 * A way to reach a recipient. A failure to deliver throws, so the event is
 * retried and finally dead-lettered, never dropped. IN_APP is the inbox;
 * SMS and EMAIL are queued for the operator's gateway (adapters/outbound.ts);
 * a provider adapter that sends them itself, and webhooks, are later issues.
 */
export interface Channel {
  readonly name: ChannelName;
  send(message: Message): Promise<DeliveryResult>;
}

/** The in-app inbox, read side. */
export interface Inbox {
  /** Oldest first. */
  forCase(caseId: string): Promise<Message[]>;
}
