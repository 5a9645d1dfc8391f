import type { Logger } from '@onewindow/kernel';
import type { SweepDeadlines } from '../app/sweep-deadlines.js';

export interface DeadlineScheduler {
  /** Runs one sweep now (tests and startup); sweeps never overlap. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the deadline sweep every `intervalMs`. The time it acts on is the
 * use case's injected clock, not this timer's: the timer only says when to
 * look. Failures are logged and retried at the next tick.
 */
export function startDeadlineScheduler(sweep: SweepDeadlines, options: { intervalMs: number; logger: Logger }): DeadlineScheduler {
  const { logger } = options;
  let running: Promise<void> | undefined;
  let stopped = false;

  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      try {
        const result = await sweep.execute();
        if (result.deemedAccepted.length || result.terminated.length) {
          logger.info({ deemedAccepted: result.deemedAccepted, terminated: result.terminated }, 'deadlines enforced');
        }
        for (const failure of result.failed) logger.error({ err: failure.error, caseId: failure.caseId }, 'deadline not enforced; retried next sweep');
      } catch (err) {
        logger.error({ err }, 'deadline sweep failed; retried next sweep');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, options.intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
