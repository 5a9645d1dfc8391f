import { jitteredBackoffMs } from '@onewindow/kernel/backoff';
import type { Message } from './message.js';

/**
 * Where an SMS or email stands on its way to the operator's gateway.
 * PENDING: waiting for its next attempt (`nextAttemptAt`). SENT: the
 * gateway took it. FAILED: refused, or still failing after the last attempt.
 * EXPIRED: its one-time code ran out before it could go, so it never will.
 */
export const DELIVERY_STATUSES = ['PENDING', 'SENT', 'FAILED', 'EXPIRED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryState {
  readonly deliveryStatus: DeliveryStatus;
  /** Attempts begun, counted when one is claimed, so a replica that dies mid-send still used one. */
  readonly attempts: number;
  /** PENDING: not before this instant. */
  readonly nextAttemptAt: string;
  readonly sentAt?: string;
  /** Why the last attempt failed: a status or a network error name, never the gateway's body. */
  readonly lastError?: string;
}

/**
 * A message in `outbound`. Messages queued before delivery existed carry no
 * state: still readable, never picked up (their codes expired long ago).
 */
export type OutboundMessage = Message & Partial<DeliveryState>;

export interface RetryPolicy {
  readonly maxAttempts: number;
  /** First wait; each later one doubles, up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long a claim keeps other replicas off a message: longer than an attempt can take. */
  readonly claimMs: number;
}

/** A code with less than this left is not worth sending, on arrival (domain/notice.ts) as at each attempt. */
export const MIN_VALIDITY_LEFT_MS = 60_000;

export function tooLateToSend(expiresAt: string, now: Date): boolean {
  return Date.parse(expiresAt) - now.getTime() < MIN_VALIDITY_LEFT_MS;
}

/** What one attempt at the gateway came to. */
export type Attempt =
  | { readonly kind: 'sent' }
  /** The gateway refused this message for good (a 4xx): trying again would be refused again. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** Maybe transient (5xx, 408, 429, network, timeout): tried again later. */
  | { readonly kind: 'failed'; readonly reason: string };

/** A freshly queued message: due at once. */
export function queued(message: Message): OutboundMessage {
  return { ...message, deliveryStatus: 'PENDING', attempts: 0, nextAttemptAt: message.createdAt };
}

export function isDue(message: OutboundMessage, now: Date): boolean {
  return message.deliveryStatus === 'PENDING' && Date.parse(message.nextAttemptAt ?? message.createdAt) <= now.getTime();
}

export function isExpired(message: OutboundMessage, now: Date): boolean {
  return message.expiresAt !== undefined && tooLateToSend(message.expiresAt, now);
}

export function expire(message: OutboundMessage): OutboundMessage {
  return closed(message, { deliveryStatus: 'EXPIRED', lastError: 'expired before it could be sent' });
}

/**
 * A message that will not be tried again keeps only its masked texts: the
 * one-time code it carried is not kept once it was sent, refused or expired.
 */
function closed(message: OutboundMessage, state: Partial<DeliveryState>): OutboundMessage {
  const { maskedTexts, ...rest } = message;
  return { ...rest, ...(maskedTexts ? { texts: maskedTexts } : {}), ...state };
}

/** Takes an attempt: counted now, and no one else's due until the claim runs out. */
export function claim(message: OutboundMessage, now: Date, policy: RetryPolicy): OutboundMessage {
  return { ...message, attempts: (message.attempts ?? 0) + 1, nextAttemptAt: new Date(now.getTime() + policy.claimMs).toISOString() };
}

/**
 * The state after an attempt. A transient failure waits base·2^(n−1),
 * capped, with the upper half jittered (`random` in [0, 1)) so replicas and
 * messages that failed together do not all come back at once.
 */
export function settle(message: OutboundMessage, attempt: Attempt, now: Date, policy: RetryPolicy, random: () => number): OutboundMessage {
  const attempts = message.attempts ?? 0;
  switch (attempt.kind) {
    case 'sent': {
      const { lastError: _, ...rest } = message;
      return closed(rest, { deliveryStatus: 'SENT', sentAt: now.toISOString() });
    }
    case 'rejected':
      return closed(message, { deliveryStatus: 'FAILED', lastError: attempt.reason });
    case 'failed': {
      if (attempts >= policy.maxAttempts) return closed(message, { deliveryStatus: 'FAILED', lastError: attempt.reason });
      const wait = jitteredBackoffMs(Math.max(1, attempts), policy.baseDelayMs, policy.maxDelayMs, random);
      return { ...message, deliveryStatus: 'PENDING', lastError: attempt.reason, nextAttemptAt: new Date(now.getTime() + wait).toISOString() };
    }
  }
}
