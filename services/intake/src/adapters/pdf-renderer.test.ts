import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { DocumentContent } from '../domain/documents.js';
import { cffSafeFontkitOf } from './cff-subset-fix.js';
import { bundledChineseFont, pdfDocumentRenderer, wrapByCharacter } from './pdf-renderer.js';

const notice: DocumentContent = {
  kind: 'ONE_TIME_NOTICE',
  title: '一次性告知书',
  subject: 'OW-20260105-000001 一次性告知书',
  caseNumber: 'OW-20260105-000001',
  issuedAt: '2026-01-05T03:00:00.000Z',
  sections: [
    { heading: null, lines: ['办件编号：OW-20260105-000001', '申请人：张三'] },
    { heading: '需要补齐补正的全部材料', lines: Array.from({ length: 60 }, (_, i) => `${i + 1}. 股东主体资格文件：未提交，请补充法定代表人、董事、监事和经理的任职文件`) },
  ],
  issuer: '市场监督管理局',
  dateText: '2026年1月5日',
};

const renderer = pdfDocumentRenderer();

/** The embedded font programs (CFF) of a PDF. */
function fontPrograms(doc: PDFDocument): Uint8Array[] {
  const programs: Uint8Array[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype'))?.toString() === '/CIDFontType0C') programs.push(decodePDFRawStream(object).decode());
  }
  return programs;
}

describe('wrapping by character', () => {
  it('keeps every character in order, and no line wider than the width unless it is one character', () => {
    const advance = (ch: string) => (/[\x20-\x7e]/.test(ch) ? 5 : 10);
    const lines = wrapByCharacter('股东主体资格文件：未提交，请补充 ABC 任职文件', 60, advance);
    expect(lines.join('')).toBe('股东主体资格文件：未提交，请补充 ABC 任职文件');
    expect(lines).toEqual(['股东主体资格', '文件：未提交', '，请补充 ABC', ' 任职文件']);
    expect(wrapByCharacter('宽', 5, advance)).toEqual(['宽']);
    expect(wrapByCharacter('', 60, advance)).toEqual(['']);
  });

  it('breaks a Chinese line where measuring the whole line would, with the bundled font', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(cffSafeFontkitOf());
    const font = await doc.embedFont(await readFile(bundledChineseFont()), { subset: true });
    const text = '申请人应当如实向行政机关提交有关材料和反映真实情况，并对其申请材料实质内容的真实性负责。行政机关不得要求申请人提交与其申请的行政许可事项无关的技术资料和其他材料。';
    const byWholeLine: string[] = [];
    let line = '';
    for (const ch of text) {
      if (line && font.widthOfTextAtSize(line + ch, 11) > 200) {
        byWholeLine.push(line);
        line = '';
      }
      line += ch;
    }
    byWholeLine.push(line);
    expect(byWholeLine.length).toBeGreaterThan(3);
    expect(wrapByCharacter(text, 200, (ch) => font.widthOfTextAtSize(ch, 11))).toEqual(byWholeLine);
  });
});

describe('the PDF renderer', () => {
  it('writes a dated A4 document titled and subjected with the case number, over as many pages as it needs', async () => {
    const bytes = await renderer.render(notice);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('一次性告知书');
    expect(doc.getSubject()).toBe('OW-20260105-000001 一次性告知书');
    expect(doc.getKeywords()).toBe('OW-20260105-000001 ONE_TIME_NOTICE');
    expect(doc.getAuthor()).toBe('市场监督管理局');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-01-05T03:00:00.000Z');
    expect(doc.getPageCount()).toBe(2);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('embeds only a subset of the Chinese font, as a valid CFF program (header offSize 1 to 4)', async () => {
    const bytes = await renderer.render(notice);
    expect(bytes.byteLength).toBeLessThan(300_000);
    const [program] = fontPrograms(await PDFDocument.load(bytes));
    if (!program) throw new Error('no embedded font program');
    // CFF header: major 1, minor 0, hdrSize 4, offSize 1..4 (fontkit used to write 26 here, which viewers refuse).
    expect([...program.subarray(0, 3)]).toEqual([1, 0, 4]);
    expect(program[3]).toBeGreaterThanOrEqual(1);
    expect(program[3]).toBeLessThanOrEqual(4);
  });

  it('shares one parsed font, yet subsets each document to its own glyphs only', async () => {
    const receipt: DocumentContent = { ...notice, kind: 'ACCEPTANCE_RECEIPT', title: '受理回执', sections: [{ heading: null, lines: ['龘靐齉'] }] };
    const programOf = async (bytes: Uint8Array) => fontPrograms(await PDFDocument.load(bytes))[0]?.byteLength ?? 0;
    const before = await programOf(await renderer.render(receipt));
    const larger = await programOf(await renderer.render(notice));
    const after = await programOf(await renderer.render(receipt));
    expect(larger).toBeGreaterThan(before);
    expect(after).toBe(before); // the notice's glyphs did not leak into a later subset
  });

  const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  it.runIf(pdftotext.status === 0)('renders the Chinese text so that a reader extracts it (poppler, when installed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intake-pdf-'));
    try {
      const file = join(dir, 'notice.pdf');
      writeFileSync(file, await renderer.render(notice));
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text.stderr).toBe('');
      expect(text.stdout).toContain('一次性告知书');
      expect(text.stdout).toContain('股东主体资格文件：未提交');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const pdftoppm = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
describe.runIf(pdftoppm.status === 0)('the inlined subset (poppler, when installed)', () => {
  /** The first page of a one-page document in the font, rasterised by poppler. */
  async function rasterise(fontkit: ReturnType<typeof cffSafeFontkitOf>, text: string): Promise<{ pixels: Buffer; fontBytes: number }> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(await fontBytes, { subset: true });
    const page = doc.addPage([595.28, 420]);
    text.match(/.{1,24}/gu)?.forEach((line, i) => page.drawText(line, { x: 40, y: 380 - i * 22, size: 16, font }));
    const bytes = await doc.save();
    const dir = mkdtempSync(join(tmpdir(), 'intake-pdf-'));
    try {
      writeFileSync(join(dir, 'doc.pdf'), bytes);
      const run = spawnSync('pdftoppm', ['-r', '72', '-gray', join(dir, 'doc.pdf')], { maxBuffer: 64 << 20 });
      expect(run.stderr.toString()).toBe('');
      return { pixels: run.stdout, fontBytes: fontPrograms(await PDFDocument.load(bytes))[0]?.byteLength ?? 0 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const fontBytes = readFile(bundledChineseFont());

  it('draws every glyph exactly as the subset with subroutines does, in a fraction of the bytes', async () => {
    const text = `${notice.title}${notice.sections.flatMap((s) => [s.heading ?? '', ...s.lines]).join('')}龘靐齉爨〇（）《》：、。0123456789ABCXYZabcxyz`;
    const inlined = await rasterise(cffSafeFontkitOf(), text);
    const kept = await rasterise(cffSafeFontkitOf({ inline: false }), text);
    expect(inlined.pixels.length).toBeGreaterThan(1000);
    expect(inlined.pixels.equals(kept.pixels)).toBe(true);
    expect(inlined.fontBytes).toBeLessThan(kept.fontBytes / 2);
  });
});
