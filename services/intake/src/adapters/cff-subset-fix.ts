import { LruMap } from '@onewindow/kernel';
import fontkit from '@pdf-lib/fontkit';
import { CharstringError, inlineSubrs, type Subrs } from './cff-inline-subrs.js';

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
 * 3. It keeps every subroutine slot of the font (unused ones as stubs):
 *    22,293 local ones for Noto's ideographs, encoded into every document.
 *    The subset now carries its glyphs with their calls inlined and no
 *    subroutines (`cff-inline-subrs.ts`), falling back to fontkit's way,
 *    with 1 and 2 fixed, for a charstring the inliner does not take.
 *
 * `cffSafeFontkit` wraps fontkit so that every subset it creates has these
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

/** What inlining reads and writes besides (internal to fontkit too). */
interface InliningInternals {
  readonly cff: {
    readonly isCIDFont: boolean;
    readonly globalSubrIndex: readonly SubrEntry[];
    readonly stream: { pos: number; readBuffer(length: number): Uint8Array };
    getCharString(gid: number): Uint8Array;
    readonly topDict: { readonly FDArray: readonly FontDict[] };
  };
  charstrings: Uint8Array[];
  gsubrs: unknown[];
  subsetCharstrings(): void;
}

interface SubrEntry {
  readonly offset: number;
  readonly length: number;
}

interface FontDict {
  FontName?: unknown;
  Private?: { Subrs?: readonly unknown[] } & Record<string, unknown>;
}

interface TopDict {
  FDArray: FontDict[];
  FDSelect: { version: 0; fds: number[] };
}

/**
 * Font dicts of the glyphs in the subset: each glyph mapped to its own dict,
 * each dict with the subroutines its glyphs use, or none when the glyphs'
 * calls were inlined.
 */
export function subsetFontDicts(subset: CffSubsetInternals, topDict: TopDict, inlined = false): void {
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
    if (inlined) continue;
    const glyph = subset.font.getGlyph(gid);
    void glyph.path; // parsing the outline records the subroutines it calls
    Object.assign(usedSubrs[index] ?? {}, glyph._usedSubrs ?? {});
  }
  topDict.FDArray.forEach((dict, i) => {
    delete dict.FontName;
    if (inlined && dict.Private) {
      const { Subrs: _dropped, ...rest } = dict.Private;
      dict.Private = rest;
    } else if (dict.Private?.Subrs) dict.Private = { ...dict.Private, Subrs: subset.subsetSubrs(dict.Private.Subrs, usedSubrs[i] ?? {}) };
  });
}

/** The subset's charstrings with every call inlined, or undefined when one cannot be (fontkit's subset is kept then). */
function inlinedCharstrings(subset: CffSubsetInternals & InliningInternals): Uint8Array[] | undefined {
  const { cff } = subset;
  const read = (entries: readonly SubrEntry[]): Subrs => ({
    count: entries.length,
    get(index) {
      const entry = entries[index];
      if (!entry) throw new CharstringError(`no subroutine ${index}`);
      cff.stream.pos = entry.offset;
      return cff.stream.readBuffer(entry.length);
    },
  });
  const global = read(cff.globalSubrIndex);
  const none = read([]);
  try {
    return subset.glyphs.map((gid) => {
      const fd = cff.isCIDFont ? cff.fdForGlyph(gid) : null;
      const local = fd === null ? none : read((cff.topDict.FDArray[fd]?.Private?.Subrs ?? []) as readonly SubrEntry[]);
      const original = cff.getCharString(gid);
      // fontkit's encoder takes only its own (bundled) Buffer class: make one of that class.
      return (original.constructor as unknown as { from(bytes: Uint8Array): Uint8Array }).from(inlineSubrs(original, global, local));
    });
  } catch (err) {
    if (err instanceof CharstringError) return undefined;
    throw err;
  }
}

function fix(subset: CffSubsetInternals, inline: boolean): void {
  const internals = subset as CffSubsetInternals & InliningInternals;
  let inlined = false;
  const subsetCharstrings = internals.subsetCharstrings.bind(subset);
  internals.subsetCharstrings = () => {
    const charstrings = inline && internals.cff.isCIDFont ? inlinedCharstrings(internals) : undefined;
    if (!charstrings) return subsetCharstrings();
    inlined = true;
    internals.charstrings = charstrings;
    internals.gsubrs = [];
  };
  subset.subsetFontdict = (topDict) => subsetFontDicts(subset, topDict, inlined);
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
type GlyphRun = ReturnType<Font['layout']>;

/** Enough for every label, heading and character of the documents, with room for the values that vary. */
const LAYOUT_CACHE_SIZE = 4_096;

/**
 * Keeps the font's layouts (glyph runs) by text: shaping runs the
 * OpenType lookups for every glyph, and every document lays out the same
 * labels and characters again. pdf-lib reads only the runs' glyphs, which
 * fontkit shares per font anyway. Layouts asked for with features are not
 * kept.
 */
function keepLayouts(font: Font): void {
  const layout = font.layout.bind(font);
  const runs = new LruMap<string, GlyphRun>(LAYOUT_CACHE_SIZE);
  font.layout = (text, features) => (features !== undefined ? layout(text, features) : runs.getOrMake(text, (plain) => layout(plain)));
}

/**
 * fontkit, with CFF subsets repaired; other fonts pass through untouched.
 * A font is parsed once per byte buffer and shared by every document that
 * embeds it (parsing the 8 MB Noto OTF took ~180 ms): each embedding makes
 * its own subset, and the parsed font only caches glyphs it has decoded.
 * Its layouts of text are kept too (`keepLayouts`).
 * `inline: false` keeps fontkit's subroutines (1 and 2 fixed), to compare.
 */
export function cffSafeFontkitOf({ inline = true }: { inline?: boolean } = {}) {
  const parsed = new WeakMap<Uint8Array, Map<string, Font>>();
  return {
    create(buffer: Uint8Array, postscriptName?: string): Font {
      let byName = parsed.get(buffer);
      if (!byName) parsed.set(buffer, (byName = new Map()));
      const cached = byName.get(postscriptName ?? '');
      if (cached) return cached;
      const font = fontkit.create(buffer, postscriptName);
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => {
        const subset = createSubset();
        if ('cff' in subset && subset.cff) fix(subset as unknown as CffSubsetInternals, inline);
        return subset;
      };
      keepLayouts(font);
      byName.set(postscriptName ?? '', font);
      return font;
    },
  };
}

export const cffSafeFontkit = cffSafeFontkitOf();
