import fontkit from '@pdf-lib/fontkit';

/**
 * @pdf-lib/fontkit 1.1.1 subsets CID-keyed CFF fonts (Noto Sans Hans is one)
 * into a font program viewers reject or draw wrongly, for two reasons:
 *
 * 1. The CFF header's offSize byte is written from `cff.length` (26 for this
 *    font) instead of `cff.offSize`; poppler then refuses the whole font
 *    ("Embedded font file may be invalid") and every Chinese character is
 *    a box.
 * 2. `subsetFontdict` gives each glyph the index of the *last* font dict
 *    added, not of its own, and marks its local subroutines in that dict:
 *    glyphs of a font dict seen earlier lose their subroutines and are
 *    drawn blank (一次性 came out as 一  ).
 *
 * `cffSafeFontkit` wraps fontkit so that every subset it creates has both
 * fixed; pdf-lib takes it through `registerFontkit`. Checked by rendering
 * with poppler (pdftotext / pdftoppm) and by the unit test of
 * `subsetFontDicts` below.
 */

/** The parts of fontkit's CFF subset this fix touches (internal, untyped in fontkit's declarations). */
export interface CffSubsetInternals {
  readonly glyphs: readonly number[];
  readonly cff: {
    offSize: number;
    length: unknown;
    fdForGlyph(gid: number): number | null;
    readonly topDict: { readonly FDArray: readonly FontDict[] };
  };
  readonly font: { getGlyph(gid: number): { readonly path: unknown; readonly _usedSubrs?: Record<string, boolean> } };
  subsetSubrs(subrs: readonly unknown[], used: Record<string, boolean>): unknown[];
  subsetFontdict(topDict: TopDict): void;
  encode(stream: unknown): void;
}

interface FontDict {
  FontName?: unknown;
  Private?: { Subrs?: readonly unknown[] } & Record<string, unknown>;
}

interface TopDict {
  FDArray: FontDict[];
  FDSelect: { version: 0; fds: number[] };
}

/** Font dicts of the glyphs in the subset: each glyph mapped to its own dict, each dict with the subroutines its glyphs use. */
export function subsetFontDicts(subset: CffSubsetInternals, topDict: TopDict): void {
  topDict.FDArray = [];
  topDict.FDSelect = { version: 0, fds: [] };
  const indexOf = new Map<number, number>();
  const usedSubrs: Record<string, boolean>[] = [];
  for (const gid of subset.glyphs) {
    const fd = subset.cff.fdForGlyph(gid);
    if (fd === null || fd === undefined) continue;
    let index = indexOf.get(fd);
    if (index === undefined) {
      index = topDict.FDArray.length;
      indexOf.set(fd, index);
      topDict.FDArray.push({ ...subset.cff.topDict.FDArray[fd] });
      usedSubrs.push({});
    }
    topDict.FDSelect.fds.push(index);
    const glyph = subset.font.getGlyph(gid);
    void glyph.path; // parsing the outline records the subroutines it calls
    Object.assign(usedSubrs[index] ?? {}, glyph._usedSubrs ?? {});
  }
  topDict.FDArray.forEach((dict, i) => {
    delete dict.FontName;
    if (dict.Private?.Subrs) dict.Private = { ...dict.Private, Subrs: subset.subsetSubrs(dict.Private.Subrs, usedSubrs[i] ?? {}) };
  });
}

function fix(subset: CffSubsetInternals): void {
  subset.subsetFontdict = (topDict) => subsetFontDicts(subset, topDict);
  const encode = subset.encode.bind(subset);
  subset.encode = (stream) => {
    const length = subset.cff.length;
    subset.cff.length = subset.cff.offSize;
    try {
      encode(stream);
    } finally {
      subset.cff.length = length;
    }
  };
}

type Font = ReturnType<typeof fontkit.create>;

/** Parsed fonts by their bytes: parsing the 8 MB Noto OTF took ~180 ms, on every document. */
const parsed = new WeakMap<Uint8Array, Map<string, Font>>();

/**
 * fontkit, with CFF subsets repaired; other fonts pass through untouched.
 * A font is parsed once per byte buffer and shared by every document that
 * embeds it: each embedding makes its own subset, and the parsed font only
 * caches glyphs it has already decoded.
 */
export const cffSafeFontkit = {
  create(buffer: Uint8Array, postscriptName?: string): Font {
    let byName = parsed.get(buffer);
    if (!byName) parsed.set(buffer, (byName = new Map()));
    const cached = byName.get(postscriptName ?? '');
    if (cached) return cached;
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      if ('cff' in subset && subset.cff) fix(subset as unknown as CffSubsetInternals);
      return subset;
    };
    byName.set(postscriptName ?? '', font);
    return font;
  },
};
