import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { PDFDocument, rgb, typedArrayFor, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DocumentRenderer } from '../app/ports.js';
import type { DocumentContent } from '../domain/documents.js';
import { cffSafeFontkit } from './cff-subset-fix.js';

/** Noto Sans Hans (SIL Open Font License), from @embedpdf/fonts-sc; embedded as a subset of the glyphs used. */
export function bundledChineseFont(): string {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return fileURLToPath(new URL('../fonts/NotoSansHans-Regular.otf', pathToFileURL(entry)));
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 64;
const TITLE_SIZE = 20;
const HEADING_SIZE = 12.5;
const TEXT_SIZE = 11;
const LEADING = 1.6;
const INK = rgb(0.1, 0.1, 0.1);

/** A4 pages: the title, the sections with their headings, the issuing agency and date at the foot. */
export function pdfDocumentRenderer(fontFile: string = bundledChineseFont()): DocumentRenderer {
  let fontBytes: Promise<Uint8Array> | undefined;
  return {
    async render(content: DocumentContent): Promise<Uint8Array> {
      fontBytes ??= readFile(fontFile);
      const doc = await PDFDocument.create();
      deflateWithZlib(doc);
      doc.registerFontkit(cffSafeFontkit);
      const font = await doc.embedFont(await fontBytes, { subset: true });
      const issuedAt = new Date(content.issuedAt);
      doc.setTitle(content.title, { showInWindowTitleBar: true });
      doc.setSubject(content.subject);
      doc.setKeywords([content.caseNumber, content.kind]);
      doc.setAuthor(content.issuer);
      doc.setCreator('OneWindow intake');
      doc.setProducer('OneWindow intake (pdf-lib)');
      doc.setLanguage('zh-CN');
      doc.setCreationDate(issuedAt);
      doc.setModificationDate(issuedAt);
      new Layout(doc, font).write(content);
      return doc.save();
    },
  };
}

/**
 * The font subset is most of a document's bytes, and pdf-lib compresses it
 * (and the font's cmap) with pako, in JavaScript; node's zlib writes an
 * equally valid FlateDecode stream, within 2 % of its size, for about 40 %
 * of the CPU. Page content streams, a few hundred bytes each, stay with
 * pdf-lib.
 */
function deflateWithZlib(doc: PDFDocument): void {
  const { context } = doc;
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(typedArrayFor(contents)), { ...dict, Filter: 'FlateDecode' });
}

class Layout {
  private page: PDFPage;
  private y: number;
  private readonly width = A4[0] - 2 * MARGIN;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  write(content: DocumentContent): void {
    this.centered(content.title, TITLE_SIZE);
    this.y -= TITLE_SIZE * 0.6;
    this.right(`编号：${content.caseNumber}`, TEXT_SIZE);
    this.y -= TEXT_SIZE;
    for (const section of content.sections) {
      if (section.heading) this.paragraph(section.heading, HEADING_SIZE, 0);
      for (const line of section.lines) this.paragraph(line, TEXT_SIZE, section.heading ? TEXT_SIZE : 0);
      this.y -= TEXT_SIZE * 0.6;
    }
    this.y -= TEXT_SIZE * 2;
    this.right(`${content.issuer}（盖章）`, TEXT_SIZE);
    this.right(content.dateText, TEXT_SIZE);
  }

  private room(size: number): void {
    if (this.y - size * LEADING >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private draw(text: string, size: number, x: number): void {
    this.room(size);
    this.y -= size * LEADING;
    this.page.drawText(text, { x, y: this.y, size, font: this.font, color: INK });
  }

  private centered(text: string, size: number): void {
    this.draw(text, size, MARGIN + (this.width - this.font.widthOfTextAtSize(text, size)) / 2);
  }

  private right(text: string, size: number): void {
    this.draw(text, size, MARGIN + this.width - this.font.widthOfTextAtSize(text, size));
  }

  private paragraph(text: string, size: number, indent: number): void {
    for (const line of wrapByCharacter(text, this.width - indent, (ch) => this.advance(ch) * size)) this.draw(line, size, MARGIN + indent);
  }

  /** A character's advance at size 1, measured once per document (shaping is what costs). */
  private readonly advances = new Map<string, number>();
  private advance(ch: string): number {
    let width = this.advances.get(ch);
    if (width === undefined) this.advances.set(ch, (width = this.font.widthOfTextAtSize(ch, 1)));
    return width;
  }
}

/**
 * Wraps by character (Chinese has no spaces to break at), summing each
 * character's advance: one measurement per character, where measuring the
 * whole line again for every character added shaped a paragraph's text
 * over and over (quadratic in its length; fontkit's layout was most of
 * intake's CPU). Kerning is left out, which Chinese text does not use.
 */
export function wrapByCharacter(text: string, width: number, advanceOf: (ch: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const advance = advanceOf(ch);
    if (line && used + advance > width) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += advance;
  }
  lines.push(line);
  return lines;
}
