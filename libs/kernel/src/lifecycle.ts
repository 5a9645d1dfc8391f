import type { Logger } from 'pino';

type Closer = () => Promise<void> | void;

/**
 * Graceful shutdown: closers run in reverse order of registration (servers
 * stop taking work before the stores they use close), once, on SIGTERM or
 * SIGINT, and then the process exits.
 */
export class Lifecycle {
  readonly #closers: { name: string; close: Closer }[] = [];
  #stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  onStop(name: string, close: Closer): void {
    this.#closers.push({ name, close });
  }

  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      for (const { name, close } of [...this.#closers].reverse()) {
        try {
          await close();
        } catch (err) {
          this.logger.error({ err, component: name }, 'error while stopping');
        }
      }
    })();
    return this.#stopping;
  }

  /** Installs the signal handlers; call once, from a composition root. */
  handleSignals(exit: (code: number) => void): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        this.logger.info({ signal }, 'stopping');
        void this.stop().then(() => exit(0));
      });
    }
  }
}
