import type { Logger } from './logger.js';

/** A wait that `wake()` cuts short, so loops stop at once on close; its timer never holds the process open. */
export class Sleeper {
  #wake: (() => void) | undefined;
  #woken = false;
  #nudged = false;

  sleep(ms: number): Promise<void> {
    if (this.#woken) return Promise.resolve();
    if (this.#nudged) {
      this.#nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#wake = done;
    });
  }

  /** Ends the current wait and every later one. */
  wake(): void {
    this.#woken = true;
    this.#wake?.();
  }

  /** Ends the current wait, or the next one when none is running: there is work to look at. */
  nudge(): void {
    if (this.#wake) this.#wake();
    else this.#nudged = true;
  }
}

export interface RoundsOptions<T> {
  /** One round of work; what it did. */
  readonly round: () => Promise<T>;
  /** How many items a round's result handled: a full batch means more may be waiting. */
  readonly size: (result: T) => number;
  readonly batchSize: number;
  /** Wait after a round that handled less than a batch. */
  readonly intervalMs: number;
  /** Longest wait after consecutive failed rounds (the wait doubles from intervalMs). */
  readonly maxBackoffMs: number;
  readonly logger: Logger;
  /** Logged when a round fails, e.g. 'outbox relay failed; entries stay pending'. */
  readonly failure: string;
}

export interface Rounds<T> {
  /** Stops the loop after the round in flight. */
  stop(): Promise<void>;
  /** Runs rounds until one handles nothing; the results of those rounds. */
  drain(): Promise<T[]>;
  /** Starts the next round now rather than after `intervalMs`: work has arrived. */
  nudge(): void;
}

/**
 * A background loop of rounds, one at a time (the loop and `drain()` share
 * one turn, so one process never works on the same item twice at once):
 * again at once while rounds fill their batch, after `intervalMs` otherwise,
 * and after a doubling wait, logged, when a round fails.
 */
export function startRounds<T>(options: RoundsOptions<T>): Rounds<T> {
  const { intervalMs, maxBackoffMs, batchSize, logger } = options;
  const sleeper = new Sleeper();
  let stopped = false;
  let turn: Promise<unknown> = Promise.resolve();

  const round = (): Promise<T> => {
    const next = turn.then(options.round);
    turn = next.catch(() => undefined);
    return next;
  };

  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        const result = await round();
        failures = 0;
        if (options.size(result) < batchSize) await sleeper.sleep(intervalMs);
      } catch (err) {
        failures++;
        const wait = Math.min(intervalMs * 2 ** failures, maxBackoffMs);
        logger.error({ err, failures, retryInMs: wait }, options.failure);
        await sleeper.sleep(wait);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      sleeper.wake();
      await loop;
    },
    async drain() {
      const results: T[] = [];
      for (;;) {
        const result = await round();
        results.push(result);
        if (options.size(result) === 0) return results;
      }
    },
    nudge() {
      if (!stopped) sleeper.nudge();
    },
  };
}
