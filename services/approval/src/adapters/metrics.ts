import { Gauge, type Registry } from 'prom-client';
import type { Overview, OverviewRow } from '../domain/supervision.js';

/**
 * Supervision metrics as Prometheus gauges, by dimension (agency, hall,
 * item) and key, set from each supervision round's overview.
 */
export function supervisionMetrics(registry: Registry) {
  const labelNames = ['dimension', 'key'] as const;
  const gauge = (name: string, help: string) => new Gauge({ name: `onewindow_approval_${name}`, help, labelNames, registers: [registry] });
  const gauges = {
    accepted: gauge('cases_accepted', 'Cases accepted into approval'),
    closed: gauge('cases_closed', 'Cases decided'),
    onTime: gauge('on_time_rate', 'Share of decided cases closed within the promised limit (按时办结率)'),
    early: gauge('early_rate', 'Share of decided cases closed before the promised deadline (提前办结率)'),
    days: gauge('average_working_days', 'Average working days used by decided cases, suspensions excluded'),
    overdue: gauge('overdue_now', 'Open cases past their promised limit'),
  };
  const setRow = (dimension: string, row: OverviewRow) => {
    const labels = { dimension, key: row.key };
    gauges.accepted.set(labels, row.accepted);
    gauges.closed.set(labels, row.closed);
    gauges.overdue.set(labels, row.overdueNow);
    if (row.onTimeRate !== null) gauges.onTime.set(labels, row.onTimeRate);
    if (row.earlyRate !== null) gauges.early.set(labels, row.earlyRate);
    if (row.averageWorkingDays !== null) gauges.days.set(labels, row.averageWorkingDays);
  };
  return {
    update(overview: Overview): void {
      for (const g of Object.values(gauges)) g.reset();
      setRow('all', overview.totals);
      for (const row of overview.byAgency) setRow('agency', row);
      for (const row of overview.byHall) setRow('hall', row);
      for (const row of overview.byItem) setRow('item', row);
    },
  };
}
