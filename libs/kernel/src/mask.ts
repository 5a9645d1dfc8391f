/** Masks all but the first six and the last four characters: 110105********002X. */
export function maskIdentifier(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}
