/** China Standard Time: UTC+8 all year, no daylight saving. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant as an ISO string of China's wall clock (its `Z` meaningless). */
function inChina(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + CST_OFFSET_MS).toISOString();
}

/** The calendar date in China (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: string | Date): string {
  return inChina(instant).slice(0, 10);
}

/** The date and time in China of an instant, to the minute: 2026-03-02T02:10:00Z → "2026-03-02 10:10". */
export function chinaDateTime(instant: string | Date): string {
  return inChina(instant).slice(0, 16).replace('T', ' ');
}
