import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { cffSafeFontkit, subsetFontDicts, type CffSubsetInternals } from './cff-subset-fix.js';
import { bundledChineseFont } from './pdf-renderer.js';

/** A CID-keyed font whose glyphs 10 and 12 use font dict 0 and glyph 11 font dict 1, each glyph with its own local subroutines. */
function subsetOf(glyphs: number[]) {
  const fdOf: Record<number, number> = { 10: 0, 11: 1, 12: 0 };
  const subrsOf: Record<number, Record<string, boolean>> = { 10: { 0: true }, 11: { 1: true }, 12: { 2: true } };
  const subset = {
    glyphs,
    cff: {
      offSize: 3,
      length: 26,
      fdForGlyph: (gid: number) => fdOf[gid] ?? null,
      topDict: { FDArray: [{ FontName: 'A', Private: { Subrs: ['a0', 'a1', 'a2'] } }, { FontName: 'B', Private: { Subrs: ['b0', 'b1', 'b2'] } }] },
    },
    font: { getGlyph: (gid: number) => ({ path: null, _usedSubrs: subrsOf[gid] ?? {} }) },
    subsetSubrs: (subrs: readonly unknown[], used: Record<string, boolean>) => subrs.map((s, i) => (used[i] ? s : 'return')),
    subsetFontdict: () => undefined,
    encode: () => undefined,
  } satisfies CffSubsetInternals;
  return subset;
}

describe('the CFF subset fix', () => {
  it("gives each glyph its own font dict, even when that dict was added before the last one", () => {
    const topDict = { FDArray: [], FDSelect: { version: 0 as const, fds: [] } };
    subsetFontDicts(subsetOf([10, 11, 12]), topDict);
    // fontkit gave glyph 12 the index of dict B (the last added); it is A's.
    expect(topDict.FDSelect.fds).toEqual([0, 1, 0]);
  });

  it("keeps, in each dict, the local subroutines its own glyphs call", () => {
    const topDict: { FDArray: { Private?: { Subrs?: readonly unknown[] } }[]; FDSelect: { version: 0; fds: number[] } } = { FDArray: [], FDSelect: { version: 0, fds: [] } };
    subsetFontDicts(subsetOf([10, 11, 12]), topDict);
    expect(topDict.FDArray.map((d) => d.Private?.Subrs)).toEqual([
      ['a0', 'return', 'a2'],
      ['return', 'b1', 'return'],
    ]);
    expect(topDict.FDArray.every((d) => !('FontName' in d))).toBe(true);
  });
});

describe('the wrapped fontkit', () => {
  it('parses a font once per byte buffer', async () => {
    const bytes = await readFile(bundledChineseFont());
    const font = cffSafeFontkit.create(bytes);
    expect(cffSafeFontkit.create(bytes)).toBe(font);
    expect(cffSafeFontkit.create(new Uint8Array(bytes))).not.toBe(font);
    expect(font.postscriptName).toMatch(/^NotoSans/);
  });

  it('lays a text out once and gives the same glyphs again; with features, every time', async () => {
    const bytes = await readFile(bundledChineseFont());
    const font = cffSafeFontkit.create(bytes);
    const fresh = fontkit.create(bytes) as typeof font;

    const run = font.layout('受理回执 No.1');
    expect(font.layout('受理回执 No.1')).toBe(run);
    expect(run.glyphs.map((g) => g.id)).toEqual(fresh.layout('受理回执 No.1').glyphs.map((g) => g.id));
    expect(font.layout('受理回执', ['kern'])).not.toBe(font.layout('受理回执', ['kern']));
  });
});
