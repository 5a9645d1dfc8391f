import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
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

  /** Wraps by character: Chinese has no spaces to break at. */
  private paragraph(text: string, size: number, indent: number): void {
    const width = this.width - indent;
    let line = '';
    for (const ch of text) {
      if (line && this.font.widthOfTextAtSize(line + ch, size) > width) {
        this.draw(line, size, MARGIN + indent);
        line = '';
      }
      line += ch;
    }
    this.draw(line, size, MARGIN + indent);
  }
}
