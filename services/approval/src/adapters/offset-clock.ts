import type { Clock } from '@onewindow/kernel';

/**
 * A clock shifted by a fixed amount: lets a development or test platform see
 * what the deadlines do next week. The configuration refuses an offset
 * under ONEWINDOW_ENV=production.
 */
export function offsetClock(base: Clock, offsetMs: number): Clock {
  if (offsetMs === 0) return base;
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}
