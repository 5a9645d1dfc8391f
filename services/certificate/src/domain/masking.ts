/**
 * What a public verifier may see of a holder (PIPL: no more than needed):
 * enough to match the person or firm in front of them, not enough to
 * learn who holds a licence from the licence alone.
 */

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明; a firm's name keeps its first two and last two characters. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  if (chars.length <= 4) return chars[0] + '*'.repeat(chars.length - 2) + chars.at(-1);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
}

/** 510104199001011234 → 5101**********1234: the first four and the last four; short numbers show only their last character. */
export function maskIdNumber(idNumber: string): string {
  const chars = [...idNumber.trim()];
  if (chars.length === 0) return '';
  if (chars.length <= 8) return '*'.repeat(chars.length - 1) + chars.at(-1);
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('');
}
