import { describe, expect, it } from 'vitest';
import { CharstringError, inlineSubrs, subrBias, type Subrs } from './cff-inline-subrs.js';

// Type 2 encodings used below: a small integer v is the byte v + 139;
// operators: rmoveto 21, rlineto 5, hstemhm 18, hintmask 19, callsubr 10,
// return 11, endchar 14, callgsubr 29; 28 starts a 16-bit integer, 255 a 16.16 fixed.
const n = (v: number) => v + 139;
const subrs = (...bodies: number[][]): Subrs => ({ count: bodies.length, get: (i) => Uint8Array.from(bodies[i] ?? []) });
const none = subrs();
const inline = (code: number[], global = none, local = none) => [...inlineSubrs(Uint8Array.from(code), global, local)];

describe('inlining Type 2 subroutine calls', () => {
  it('biases subroutine numbers by how many there are', () => {
    expect([subrBias(0), subrBias(1239), subrBias(1240), subrBias(33899), subrBias(33900)]).toEqual([107, 107, 1131, 1131, 32768]);
  });

  it('replaces a call and its number by the subroutine, without its return, keeping the operands it consumes', () => {
    const local = subrs([n(5), 5, 11], [n(7), n(8), 21, 11]); // 0: "5 rlineto", 1: "7 8 rmoveto"
    // "3 [1] callsubr 4 [0] callsubr endchar": the subroutine 0 takes the 4 pushed before the call
    expect(inline([n(3), n(-106), 10, n(4), n(-107), 10, 14], none, local)).toEqual([n(3), n(7), n(8), 21, n(4), n(5), 5, 14]);
  });

  it('expands global and nested calls, and a 16-bit subroutine number past the first bias', () => {
    const globals = Array.from({ length: 1300 }, () => [11]);
    globals[1200] = [n(2), 5, n(-107), 10, 11]; // calls local 0
    const local = subrs([n(9), 21, 11]);
    const global = subrs(...globals);
    // 1200 - 1131 = 69 → byte 208
    expect(inline([n(69), 29, 14], global, local)).toEqual([n(2), 5, n(9), 21, 14]);
    // the same through a 16-bit operand (28, high, low)
    expect(inline([28, 0, 69, 29, 14], global, local)).toEqual([n(2), 5, n(9), 21, 14]);
  });

  it('stops at an endchar inside a subroutine, and copies hint masks as long as the stems declared before them need', () => {
    // 10 stems: 5 pairs by hstemhm, 5 pairs as the implicit vstem before hintmask → 2 mask bytes
    const stems = Array.from({ length: 10 }, (_, i) => n(i));
    const local = subrs([n(1), n(1), 21, 14]);
    // The second mask byte is 10, callsubr's code: read as an operator, it would call a subroutine.
    const code = [...stems, 18, ...stems, 19, 0xff, 10, n(-107), 10, n(0), 5];
    expect(inline(code, none, local)).toEqual([...stems, 18, ...stems, 19, 0xff, 10, n(1), n(1), 21, 14]);
  });

  it('refuses what it cannot inline faithfully, so the caller keeps the subroutines', () => {
    const local = subrs([21, 11]);
    expect(() => inline([255, 0, 0, 0, 0, 10, 14], none, local)).toThrow(CharstringError); // a fixed-point number
    expect(() => inline([n(5), 10, 14], none, local)).toThrow(CharstringError); // no subroutine 112
    expect(() => inline([10, 14], none, local)).toThrow(CharstringError); // no number at all
    expect(() => inline([n(0), 21], none, local)).toThrow(CharstringError); // no endchar
    expect(() => inline([n(-107), 10, 14], none, subrs([n(-107), 10, 11]))).toThrow(CharstringError); // calls itself forever
  });
});
