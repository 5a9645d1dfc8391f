// Composition root of the approval service: the only place that reads the environment.
import { fileURLToPath } from 'node:url';
import { bundledCalendar } from '@onewindow/calendar';
import { ConfigError, envSchemas, systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { z } from 'zod';
import { supervisionMetrics } from './adapters/metrics.js';
import { offsetClock } from './adapters/offset-clock.js';
import { startScheduler } from './adapters/scheduler.js';
import { readWorkflowFile } from './adapters/workflow-file.js';
import { overviewOfRows } from './app/supervision-overview.js';
import { composeApproval } from './compose.js';
import { ESCALATION_ACTIONS, ESCALATION_TRIGGERS } from './domain/definition.js';

const bundledWorkflows = fileURLToPath(new URL('../data/workflows.json', import.meta.url));

const config = parseServiceConfig('approval', process.env, {
  /** Folders with more official schedules (cn-YYYY.json), e.g. next year's once published. */
  CALENDAR_DIRS: envSchemas.list().default([]),
  /** Workflows seeded for items that have none; the sample catalog's unless set. */
  WORKFLOWS_FILE: z.string().default(bundledWorkflows),
  /** Electronic supervision: the early warning at this share of the promised limit. */
  SUPERVISION_EARLY_WARNING_PERCENT: z.coerce.number().int().min(1).max(99).default(80),
  /** Which warning escalates, and how, unless an item's workflow says otherwise. */
  SUPERVISION_ESCALATION_TRIGGER: z.enum(ESCALATION_TRIGGERS).default('RED'),
  SUPERVISION_ESCALATION_ACTION: z.enum(ESCALATION_ACTIONS).default('REASSIGN_TO_CHIEF'),
  /** How often electronic supervision looks at every open case's clock. */
  SUPERVISION_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Development and tests only: run approval's clock this many hours ahead. Refused under production. */
  DEV_CLOCK_OFFSET_HOURS: z.coerce.number().min(0).max(24 * 366).default(0),
});
if (config.ONEWINDOW_ENV === 'production' && config.DEV_CLOCK_OFFSET_HOURS !== 0) {
  throw new ConfigError(['DEV_CLOCK_OFFSET_HOURS: must be 0 (unset) when ONEWINDOW_ENV=production']);
}

const rt = await openRuntime(config);
const clock = offsetClock(systemClock, config.DEV_CLOCK_OFFSET_HOURS * 3_600_000);
if (config.DEV_CLOCK_OFFSET_HOURS) rt.logger.warn({ hours: config.DEV_CLOCK_OFFSET_HOURS }, 'development clock offset: approval runs ahead of real time');
const calendar = bundledCalendar(config.CALENDAR_DIRS);
rt.logger.info({ years: calendar.loadedYears() }, 'working-day calendar loaded');

const approval = composeApproval({
  store: rt.store,
  clock,
  calendar,
  logger: rt.logger,
  supervision: {
    earlyWarningPercent: config.SUPERVISION_EARLY_WARNING_PERCENT,
    escalation: { trigger: config.SUPERVISION_ESCALATION_TRIGGER, action: config.SUPERVISION_ESCALATION_ACTION },
  },
});

const seeded = await approval.useCases.seedWorkflows.execute(await readWorkflowFile(config.WORKFLOWS_FILE));
rt.logger.info({ file: config.WORKFLOWS_FILE, seeded }, 'workflows seeded');

const backfilled = await approval.useCases.backfillSupervisionRows.execute();
if (backfilled) rt.logger.info(backfilled, 'supervision rows made for the cases written before they were kept');

const metrics = supervisionMetrics(rt.registry);
const supervision = startScheduler({
  intervalMs: config.SUPERVISION_INTERVAL_MS,
  logger: rt.logger.child({ component: 'supervision' }),
  job: async () => {
    await approval.useCases.evaluateClocks.execute();
    metrics.update(await overviewOfRows(approval.repositories.supervisionRows, clock.now(), calendar));
  },
});
rt.lifecycle.onStop('supervision', () => supervision.stop());

await serve(rt, { rpc: [approval.rpc], consumers: approval.consumers });
