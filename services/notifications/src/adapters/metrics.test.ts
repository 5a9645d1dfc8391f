import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { outboundMetrics } from './metrics.js';

describe('outboundMetrics', () => {
  it('counts each settled message by channel and result', async () => {
    const registry = new Registry();
    const onReport = outboundMetrics(registry);
    onReport({ messageId: 'm-1', channel: 'SMS', result: 'SENT', attempts: 1 });
    onReport({ messageId: 'm-2', channel: 'SMS', result: 'SENT', attempts: 2 });
    onReport({ messageId: 'm-3', channel: 'EMAIL', result: 'FAILED', attempts: 8 });
    const text = await registry.metrics();
    expect(text).toContain('onewindow_notifications_outbound_total{channel="SMS",result="SENT"} 2');
    expect(text).toContain('onewindow_notifications_outbound_total{channel="EMAIL",result="FAILED"} 1');
  });
});
