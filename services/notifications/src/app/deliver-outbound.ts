import type { Clock } from '@onewindow/kernel';
import { claim, expire, isExpired, settle, type DeliveryStatus, type RetryPolicy } from '../domain/delivery.js';
import type { ChannelName } from '../domain/message.js';
import type { Gateway, OutboundQueue } from './ports.js';

/** What became of one message in a round; no text, no destination (the text carries the code). */
export interface DeliveryReport {
  readonly messageId: string;
  readonly channel: ChannelName;
  /** RETRY: still PENDING after a failed attempt. CONFLICT: another replica had it first. */
  readonly result: Exclude<DeliveryStatus, 'PENDING'> | 'RETRY' | 'CONFLICT';
  readonly attempts: number;
  readonly lastError?: string;
  readonly nextAttemptAt?: string;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 120_000, claimMs: 60_000 };

/**
 * One round of the outbound relay: hands every due SMS and email to the
 * gateway, one at a time, oldest first. Each attempt is claimed first by a
 * versioned write, so of two replicas that read the same message only one
 * sends it; a replica that dies after its claim leaves the message to be
 * tried again once the claim runs out, under the same idempotency key.
 */
export class DeliverOutbound {
  constructor(
    private readonly queue: OutboundQueue,
    private readonly gateway: Gateway,
    private readonly clock: Clock,
    private readonly options: { readonly policy?: RetryPolicy; readonly random?: () => number; readonly batchSize?: number } = {},
  ) {}

  get batchSize(): number {
    return this.options.batchSize ?? 10;
  }

  async execute(): Promise<DeliveryReport[]> {
    const policy = this.options.policy ?? DEFAULT_RETRY_POLICY;
    const random = this.options.random ?? Math.random;
    const reports: DeliveryReport[] = [];
    for (const { value: message, version } of await this.queue.due(this.clock.now(), this.batchSize)) {
      const report = { messageId: message.id, channel: message.channel };
      if (isExpired(message, this.clock.now())) {
        const expired = await this.queue.replace(expire(message), version);
        reports.push({ ...report, result: expired ? 'EXPIRED' : 'CONFLICT', attempts: message.attempts ?? 0 });
        continue;
      }
      const claimed = await this.queue.replace(claim(message, this.clock.now(), policy), version);
      if (!claimed) {
        reports.push({ ...report, result: 'CONFLICT', attempts: message.attempts ?? 0 });
        continue;
      }
      const attempt = await this.gateway.deliver(claimed.value);
      const settled = settle(claimed.value, attempt, this.clock.now(), policy, random);
      // A conflict here means our claim ran out mid-attempt and another replica took the message: it is theirs now.
      const written = await this.queue.replace(settled, claimed.version);
      const status = settled.deliveryStatus === 'PENDING' ? 'RETRY' : (settled.deliveryStatus ?? 'FAILED');
      reports.push({
        ...report,
        result: written ? status : 'CONFLICT',
        attempts: settled.attempts ?? 0,
        ...(settled.lastError ? { lastError: settled.lastError } : {}),
        ...(status === 'RETRY' && settled.nextAttemptAt ? { nextAttemptAt: settled.nextAttemptAt } : {}),
      });
    }
    return reports;
  }
}
