/**
 * The wait before retry number `attempt` (1 for the first): base·2^(attempt−1),
 * capped, with the upper half jittered by `random` in [0, 1), so the callers
 * that failed together do not all come back at once.
 */
export function jitteredBackoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exp = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
