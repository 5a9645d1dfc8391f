import { startRounds, type Clock, type Logger } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { DeliverOutbound, type DeliveryReport } from '../app/deliver-outbound.js';
import type { RetryPolicy } from '../domain/delivery.js';
import { storeOutboundQueue } from './outbound.js';
import { webhookGateway, type WebhookConfig } from './webhook.js';

export interface OutboundRelay {
  /** Stops after the message in flight; leaves no timer behind. */
  stop(): Promise<void>;
  /** Runs rounds until one finds nothing due; resolves with every report. For tests and drains. */
  drain(): Promise<DeliveryReport[]>;
  /** Looks for due messages now instead of after the interval: a message was just queued. */
  nudge(): void;
}

export interface OutboundRelayOptions {
  readonly deliver: DeliverOutbound;
  readonly logger: Logger;
  /** Wait between rounds that found less than a batch, unless nudged sooner. */
  readonly intervalMs?: number;
  /** Longest wait after consecutive failed rounds (the store unreachable). */
  readonly maxBackoffMs?: number;
  /** Told of every message settled (metrics). */
  readonly onReport?: (report: DeliveryReport) => void;
}

/**
 * The loop that drives DeliverOutbound: round after round, one at a time
 * (the loop and drain() share one turn), so this process never sends one
 * message twice at once. Logs each outcome by message id, never its text.
 */
export function startOutboundRelay(options: OutboundRelayOptions): OutboundRelay {
  const { logger } = options;
  const record = (report: DeliveryReport) => {
    options.onReport?.(report);
    const fields = { ...report };
    if (report.result === 'SENT' || report.result === 'CONFLICT') logger.info(fields, 'outbound message: %s', report.result);
    else if (report.result === 'RETRY') logger.warn(fields, 'outbound message not delivered; will retry');
    else logger.error(fields, `outbound message ${report.result === 'EXPIRED' ? 'expired before it could be sent' : 'failed for good'}`);
  };
  const rounds = startRounds({
    round: async () => {
      const reports = await options.deliver.execute();
      for (const report of reports) record(report);
      return reports;
    },
    size: (reports) => reports.length,
    batchSize: options.deliver.batchSize,
    intervalMs: options.intervalMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 30_000,
    logger,
    failure: 'outbound relay round failed; messages stay queued',
  });
  return { stop: () => rounds.stop(), drain: async () => (await rounds.drain()).flat(), nudge: () => rounds.nudge() };
}

export interface OutboundDeliveryOptions extends Omit<OutboundRelayOptions, 'deliver'> {
  /** Null: no gateway configured, so nothing is sent and every message stays PENDING. */
  readonly webhook: WebhookConfig | null;
  readonly store: Store;
  readonly clock: Clock;
  readonly policy?: RetryPolicy;
  readonly random?: () => number;
}

/** The relay from `outbound` to the configured webhook, or null when none is configured. */
export function startOutboundDelivery(options: OutboundDeliveryOptions): OutboundRelay | null {
  const { webhook, store, clock, policy, random, ...relay } = options;
  if (!webhook) return null;
  const deliver = new DeliverOutbound(storeOutboundQueue(store), webhookGateway(webhook, clock), clock, {
    ...(policy ? { policy } : {}),
    ...(random ? { random } : {}),
  });
  return startOutboundRelay({ ...relay, deliver });
}
