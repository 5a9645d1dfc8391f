import type { Logger } from '@onewindow/kernel';

/**
 * Runs a job now and then every `intervalMs`, never two at once; a failed
 * round is logged and the next one runs as planned. Stops on `stop()`,
 * waiting for a round in progress.
 */
export function startScheduler(options: { intervalMs: number; logger: Logger; job: () => Promise<unknown> }): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = () => {
    if (running || stopped) return;
    running = options
      .job()
      .then(() => undefined)
      .catch((err: unknown) => options.logger.error({ err }, 'scheduled round failed'))
      .finally(() => {
        running = null;
      });
  };
  round();
  const timer = setInterval(round, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
