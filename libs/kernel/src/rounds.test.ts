import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { jitteredBackoffMs } from './backoff.js';
import { Sleeper, startRounds } from './rounds.js';

const logger = createLogger({ service: 'rounds-test', level: 'silent' });

describe('startRounds', () => {
  it('goes again at once while rounds fill their batch, backs off after a failure, and stops', async () => {
    const sizes = [3, 3, 1];
    let failed = false;
    const seen: number[] = [];
    let resolveIdle: () => void = () => undefined;
    const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
    const rounds = startRounds({
      round: async () => {
        if (sizes.length === 0) {
          resolveIdle();
          return 0;
        }
        if (!failed && sizes.length === 2) {
          failed = true;
          throw new Error('store unreachable');
        }
        const size = sizes.shift()!;
        seen.push(size);
        return size;
      },
      size: (n) => n,
      batchSize: 3,
      intervalMs: 1,
      maxBackoffMs: 5,
      logger,
      failure: 'round failed',
    });
    await idle;
    await rounds.stop();
    expect(seen).toEqual([3, 3, 1]);
    expect(failed).toBe(true);
  });

  it('drains: rounds until one handles nothing, never two at once (the loop’s own rounds included)', async () => {
    let left = 5;
    let running = 0;
    let overlapped = false;
    const rounds = startRounds({
      round: async () => {
        running++;
        overlapped ||= running > 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        const n = Math.min(2, left);
        left -= n;
        return n;
      },
      size: (n) => n,
      batchSize: 2,
      intervalMs: 50,
      maxBackoffMs: 50,
      logger,
      failure: 'round failed',
    });
    const drained = await rounds.drain();
    await rounds.stop();
    expect(drained.at(-1)).toBe(0);
    expect(left).toBe(0);
    expect(overlapped).toBe(false);
  });
});

describe('Sleeper', () => {
  it('is nudged out of the current sleep only; a nudge while awake skips the next sleep only', async () => {
    const sleeper = new Sleeper();
    const sleeping = sleeper.sleep(10_000);
    sleeper.nudge();
    await sleeping;

    sleeper.nudge();
    await sleeper.sleep(10_000);

    let ended = false;
    const long = sleeper.sleep(10_000).then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ended).toBe(false);
    sleeper.wake();
    await long;
  });

  it('is woken at once, and every later sleep returns at once', async () => {
    const sleeper = new Sleeper();
    const started = Date.now();
    const sleeping = sleeper.sleep(10_000);
    sleeper.wake();
    await sleeping;
    await sleeper.sleep(10_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('jitteredBackoffMs', () => {
  it('doubles from the base, stops at the cap, and jitters the upper half', () => {
    expect([1, 2, 3, 4].map((n) => jitteredBackoffMs(n, 100, 500, () => 0))).toEqual([50, 100, 200, 250]);
    expect([1, 2, 3, 4].map((n) => jitteredBackoffMs(n, 100, 500, () => 0.999999))).toEqual([100, 200, 400, 500]);
    expect(jitteredBackoffMs(2, 100, 500, () => 0.5)).toBe(150);
  });
});
