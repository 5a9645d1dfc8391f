/**
 * Inlines the subroutine calls of a Type 2 charstring (Adobe TN #5177), so a
 * subset font can carry its few glyphs with no subroutines at all.
 *
 * Why: fontkit subsets a CFF font by keeping *every* subroutine slot (unused
 * ones as a bare `return`), so that the numbers glyphs call stay valid. Noto
 * Sans Hans has 22,293 local subroutines for its ideographs, and a receipt
 * uses glyphs calling subroutines up to the last of them: encoding those
 * slots was most of the cost of every PDF intake wrote. A glyph's outline
 * with its calls expanded is a few hundred bytes.
 *
 * The bytes of the charstring are copied as they are, except that each
 * `callsubr`/`callgsubr` and the number before it are replaced by the
 * subroutine's bytes (without its `return`). Hint masks are copied with the
 * length the stem hints seen so far give them. A charstring that computes a
 * subroutine number instead of writing it, or anything else unexpected,
 * throws `CharstringError`, and the caller keeps fontkit's own subset.
 */

export class CharstringError extends Error {}

/** A font's subroutines, global or local: how many, and the bytes of each. */
export interface Subrs {
  readonly count: number;
  get(index: number): Uint8Array;
}

const CALLSUBR = 10;
const RETURN = 11;
const ESCAPE = 12;
const ENDCHAR = 14;
const HINTMASK = 19;
const CNTRMASK = 20;
const SHORTINT = 28;
const CALLGSUBR = 29;
const STEM_OPERATORS = new Set([1, 3, 18, 23]); // hstem, vstem, hstemhm, vstemhm
/** Type 2 allows subroutines ten deep. */
const MAX_DEPTH = 10;

/** The number subtracted from a call's operand: it follows from how many subroutines there are. */
export function subrBias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

/** Bytes a number operand takes, from its first byte. */
function operandLength(b0: number): number {
  if (b0 === SHORTINT) return 3;
  if (b0 === 255) return 5;
  if (b0 >= 247) return 2;
  return 1;
}

/** The value of an integer operand; fixed-point (255) is no subroutine number. */
function integerAt(bytes: readonly number[], at: number): number {
  const b0 = bytes[at] ?? 0;
  const b1 = bytes[at + 1] ?? 0;
  if (b0 >= 32 && b0 <= 246) return b0 - 139;
  if (b0 >= 247 && b0 <= 250) return (b0 - 247) * 256 + b1 + 108;
  if (b0 >= 251 && b0 <= 254) return -(b0 - 251) * 256 - b1 - 108;
  if (b0 === SHORTINT) return (((b1 << 8) | (bytes[at + 2] ?? 0)) << 16) >> 16;
  throw new CharstringError('a subroutine number that is not an integer');
}

interface State {
  readonly out: number[];
  /** Where each operand now on the stack starts in `out`. */
  operands: number[];
  stems: number;
}

/** Copies `code` into the state, expanding calls; true once `endchar` was reached. */
function expand(code: Uint8Array, global: Subrs, local: Subrs, state: State, depth: number): boolean {
  if (depth > MAX_DEPTH) throw new CharstringError('subroutines nested deeper than Type 2 allows');
  let i = 0;
  while (i < code.length) {
    const b0 = code[i] ?? 0;
    if (b0 >= 32 || b0 === SHORTINT) {
      const length = operandLength(b0);
      if (i + length > code.length) throw new CharstringError('an operand runs past the end of the charstring');
      state.operands.push(state.out.length);
      for (let k = 0; k < length; k++) state.out.push(code[i + k] ?? 0);
      i += length;
      continue;
    }
    if (b0 === CALLSUBR || b0 === CALLGSUBR) {
      const at = state.operands.pop();
      if (at === undefined) throw new CharstringError('a call with no subroutine number');
      const subrs = b0 === CALLSUBR ? local : global;
      const index = integerAt(state.out, at) + subrBias(subrs.count);
      if (index < 0 || index >= subrs.count) throw new CharstringError(`a call of subroutine ${index} of ${subrs.count}`);
      state.out.length = at;
      if (expand(subrs.get(index), global, local, state, depth + 1)) return true;
      i += 1;
      continue;
    }
    if (b0 === RETURN) {
      if (depth === 0) throw new CharstringError('return outside a subroutine');
      return false;
    }
    if (b0 === ESCAPE) {
      // Two-byte operators: flex variants and the (deprecated) arithmetic ones; all consume the stack as written.
      if (i + 1 >= code.length) throw new CharstringError('an escape at the end of the charstring');
      state.out.push(b0, code[i + 1] ?? 0);
      state.operands = [];
      i += 2;
      continue;
    }
    state.out.push(b0);
    if (STEM_OPERATORS.has(b0)) state.stems += Math.floor(state.operands.length / 2);
    if (b0 === HINTMASK || b0 === CNTRMASK) {
      // Operands before a mask are an implicit vstemhm.
      state.stems += Math.floor(state.operands.length / 2);
      const maskBytes = Math.ceil(state.stems / 8);
      if (i + 1 + maskBytes > code.length) throw new CharstringError('a hint mask runs past the end of the charstring');
      for (let k = 1; k <= maskBytes; k++) state.out.push(code[i + k] ?? 0);
      i += maskBytes;
    }
    state.operands = [];
    i += 1;
    if (b0 === ENDCHAR) return true;
  }
  return false;
}

/** The charstring with every subroutine call expanded in place. */
export function inlineSubrs(charstring: Uint8Array, global: Subrs, local: Subrs): Uint8Array {
  const state: State = { out: [], operands: [], stems: 0 };
  if (!expand(charstring, global, local, state, 0)) throw new CharstringError('a charstring without endchar');
  return Uint8Array.from(state.out);
}
