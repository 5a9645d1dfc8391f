import type { Clock } from '@onewindow/kernel';

/**
 * A clock running `offsetMs` ahead of another: lets a development or test
 * deployment see deadlines pass without waiting days. The composition root
 * refuses a non-zero offset under ONEWINDOW_ENV=production.
 */
export function offsetClock(base: Clock, offsetMs: number): Clock {
  return offsetMs === 0 ? base : { now: () => new Date(base.now().getTime() + offsetMs) };
}
