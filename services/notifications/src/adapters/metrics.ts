import { Counter, type Registry } from 'prom-client';
import type { DeliveryReport } from '../app/deliver-outbound.js';

/**
 * SMS and email handed to the gateway webhook, by channel and result (SENT,
 * RETRY, FAILED, EXPIRED, CONFLICT): what an SRE alerts on when codes stop
 * reaching applicants. Returns the relay's `onReport`.
 */
export function outboundMetrics(registry: Registry): (report: DeliveryReport) => void {
  const attempts = new Counter({
    name: 'onewindow_notifications_outbound_total',
    help: 'SMS and email delivery attempts to the gateway webhook, by channel and result',
    labelNames: ['channel', 'result'] as const,
    registers: [registry],
  });
  return (report) => attempts.inc({ channel: report.channel, result: report.result });
}
