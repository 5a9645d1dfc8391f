import type { Versioned } from '@onewindow/store/port';
import type { Attempt, OutboundMessage } from '../domain/delivery.js';
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
 * SMS and EMAIL are queued in `outbound` (adapters/outbound.ts), and the
 * outbound relay hands them to the operator's gateway (DeliverOutbound).
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

/** SMS and email waiting for the operator's gateway. */
export interface OutboundQueue {
  /** PENDING messages whose next attempt is due by `now`, the longest waiting first. */
  due(now: Date, limit: number): Promise<Versioned<OutboundMessage>[]>;
  /**
   * Writes `message` if its stored version is still `version`: null when
   * another writer (another replica's relay) changed it first.
   */
  replace(message: OutboundMessage, version: number): Promise<Versioned<OutboundMessage> | null>;
}

/** The operator's SMS / mail gateway: one attempt to hand one message over. Never throws. */
export interface Gateway {
  deliver(message: OutboundMessage): Promise<Attempt>;
}
