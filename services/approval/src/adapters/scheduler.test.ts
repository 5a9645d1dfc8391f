import { createLogger, ManualClock } from '@onewindow/kernel';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { supervisionMetrics } from './metrics.js';
import { offsetClock } from './offset-clock.js';
import { startScheduler } from './scheduler.js';

const logger = createLogger({ service: 'approval-test', level: 'silent' });

describe('the supervision scheduler', () => {
  it('runs at once and then on its interval, never two rounds at a time, and survives a failed round', async () => {
    let running = 0;
    let overlapped = false;
    let rounds = 0;
    const scheduler = startScheduler({
      intervalMs: 5,
      logger,
      job: async () => {
        running += 1;
        overlapped ||= running > 1;
        rounds += 1;
        await new Promise((r) => setTimeout(r, 12));
        running -= 1;
        if (rounds === 1) throw new Error('first round fails');
      },
    });
    const deadline = Date.now() + 5_000;
    while (rounds < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await scheduler.stop();
    const stoppedAt = rounds;
    await new Promise((r) => setTimeout(r, 30));
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(rounds).toBe(stoppedAt);
    expect(overlapped).toBe(false);
  });
});

describe('the development clock offset', () => {
  it('shifts the injected clock, and is the clock itself at zero', () => {
    const base = new ManualClock('2026-03-11T02:00:00Z');
    expect(offsetClock(base, 0)).toBe(base);
    expect(offsetClock(base, 48 * 3_600_000).now().toISOString()).toBe('2026-03-13T02:00:00.000Z');
  });
});

describe('supervision metrics for Prometheus', () => {
  it('publishes accepted, closed, rates, average days and overdue cases by agency, hall and item', async () => {
    const registry = new Registry();
    const row = (key: string) => ({ key, accepted: 4, closed: 2, onTimeRate: 0.5, earlyRate: 0.5, averageWorkingDays: 3.5, overdueNow: 1 });
    supervisionMetrics(registry).update({ totals: row('all'), byAgency: [row('市场监督管理局')], byHall: [row('hall-510100-01')], byItem: [{ ...row('SCJG-XK-014'), onTimeRate: null }] });
    const text = await registry.metrics();
    expect(text).toContain('onewindow_approval_cases_accepted{dimension="agency",key="市场监督管理局"} 4');
    expect(text).toContain('onewindow_approval_on_time_rate{dimension="hall",key="hall-510100-01"} 0.5');
    expect(text).toContain('onewindow_approval_overdue_now{dimension="all",key="all"} 1');
    expect(text).not.toContain('onewindow_approval_on_time_rate{dimension="item"');
  });
});
