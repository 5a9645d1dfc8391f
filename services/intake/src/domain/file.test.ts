import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/fixtures.js';
import { checkUpload, sniffContentType } from './file.js';

const PDF = Buffer.from('%PDF-1.7\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const upload = (head: Buffer, declaredType: string, size = head.length, filename = 'scan.pdf') => ({ size, head, declaredType, filename, maxBytes: 1000 });

describe('uploads', () => {
  it('tells PDF, PNG and JPEG by their magic bytes, and nothing else', () => {
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(JPEG)).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffContentType(Buffer.from('%PD'))).toBeNull();
  });

  it('accepts a file whose content is what it says, or says nothing', () => {
    expect(checkUpload(upload(PDF, 'application/pdf; charset=binary'))).toEqual({ contentType: 'application/pdf', filename: 'scan.pdf' });
    expect(checkUpload(upload(PNG, ''))).toMatchObject({ contentType: 'image/png' });
  });

  it('refuses an executable labelled as a PDF, a PDF labelled as an image, an empty file and one too large', () => {
    expect(errorOf(() => checkUpload(upload(Buffer.from('MZ\x90\x00'), 'application/pdf')))).toMatchObject({ kind: 'invalid', code: 'FILE_TYPE_UNSUPPORTED' });
    expect(errorOf(() => checkUpload(upload(PDF, 'image/png')))).toMatchObject({ kind: 'invalid', code: 'FILE_TYPE_MISMATCH' });
    expect(errorOf(() => checkUpload(upload(PDF, 'application/pdf', 0)))).toMatchObject({ code: 'FILE_EMPTY' });
    expect(errorOf(() => checkUpload(upload(PDF, 'application/pdf', 1001)))).toMatchObject({ kind: 'too_large', code: 'FILE_TOO_LARGE' });
  });

  it('refuses a file name with a path or control characters', () => {
    expect(errorOf(() => checkUpload(upload(PDF, '', PDF.length, '../etc/passwd'))).code).toBe('FILENAME_INVALID');
    expect(errorOf(() => checkUpload(upload(PDF, '', PDF.length, 'a\nb.pdf'))).code).toBe('FILENAME_INVALID');
  });
});
