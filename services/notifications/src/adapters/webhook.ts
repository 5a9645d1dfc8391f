import { createHmac } from 'node:crypto';
import type { Clock } from '@onewindow/kernel';
import type { Gateway } from '../app/ports.js';
import type { Attempt, OutboundMessage } from '../domain/delivery.js';
import { DEFAULT_LOCALE } from '../domain/template.js';

export interface WebhookConfig {
  readonly url: string;
  /** HMAC-SHA256 key shared with the gateway. */
  readonly secret: string;
  readonly timeoutMs: number;
}

/** What the gateway receives: where to, and what to say. */
export interface WebhookBody {
  readonly id: string;
  readonly channel: 'SMS' | 'EMAIL';
  /** The mobile number or the email address. */
  readonly to: string;
  /** EMAIL only. */
  readonly subject?: string;
  readonly text: string;
  readonly locale: string;
  readonly createdAt: string;
  /** A one-time code's end of validity: a gateway holding the message past it should drop it. */
  readonly expiresAt?: string;
}

export const SIGNATURE_HEADER = 'x-onewindow-signature';
export const TIMESTAMP_HEADER = 'x-onewindow-timestamp';

/** `sha256=` + hex HMAC-SHA256(secret, timestamp + '.' + body): the timestamp is signed so a captured request cannot be replayed later. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookBody(message: OutboundMessage): WebhookBody {
  if ((message.channel !== 'SMS' && message.channel !== 'EMAIL') || !message.destination) {
    throw new TypeError(`message ${message.id} is not an SMS or email with a destination`);
  }
  const text = message.texts[DEFAULT_LOCALE];
  return {
    id: message.id,
    channel: message.channel,
    to: message.destination.value,
    ...(message.channel === 'EMAIL' ? { subject: text.title } : {}),
    text: text.body,
    locale: DEFAULT_LOCALE,
    createdAt: message.createdAt,
    ...(message.expiresAt ? { expiresAt: message.expiresAt } : {}),
  };
}

/** Transient answers: worth trying again. Every other non-2xx refuses this message for good. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * The operator's SMS / mail gateway behind an HTTPS webhook: one signed POST
 * per attempt, the message id as `idempotency-key` so the gateway can drop a
 * retry of a message it already took. Redirects are not followed (a POST
 * redirected would arrive as a GET, or at a host nobody configured).
 */
export function webhookGateway(config: WebhookConfig, clock: Clock): Gateway {
  return {
    async deliver(message): Promise<Attempt> {
      let body: string;
      try {
        body = JSON.stringify(webhookBody(message));
      } catch (err) {
        return { kind: 'rejected', reason: err instanceof Error ? err.message : String(err) };
      }
      const timestamp = String(Math.floor(clock.now().getTime() / 1000));
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: signature(config.secret, timestamp, body),
            'idempotency-key': message.id,
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        return { kind: 'failed', reason: networkReason(err, config.timeoutMs) };
      }
      // The answer's body is never read: a gateway may echo the text, which carries the code.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { kind: 'sent' };
      const reason = `HTTP ${response.status}`;
      return retryable(response.status) ? { kind: 'failed', reason } : { kind: 'rejected', reason };
    },
  };
}

function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `network: ${cause.code}`;
  return `network: ${err instanceof Error ? err.message : String(err)}`;
}
