import { DomainError, invalid } from '@onewindow/kernel/errors';

/** What applicants may upload as materials. */
export const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type FileType = (typeof FILE_TYPES)[number];

/** 10 MiB: a scanned multi-page PDF fits; the gRPC message limits are set above it. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILENAME = 200;

const SIGNATURES: readonly { type: FileType; magic: readonly number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

/** The type the content itself shows (its magic bytes), whatever the uploader declared. */
export function sniffContentType(content: Uint8Array): FileType | null {
  const match = SIGNATURES.find(({ magic }) => magic.every((byte, i) => content[i] === byte));
  return match?.type ?? null;
}

export interface UploadCheck {
  readonly size: number;
  /** The first bytes of the content, enough to sniff. */
  readonly head: Uint8Array;
  readonly declaredType: string;
  readonly filename: string;
  readonly maxBytes: number;
}

/** The upload's real type, or the reason it is refused: empty, too large, of an unsupported or mislabelled type. */
export function checkUpload(upload: UploadCheck): { readonly contentType: FileType; readonly filename: string } {
  if (upload.size === 0) throw invalid('FILE_EMPTY', 'the file is empty', [{ field: 'content', message: 'empty' }]);
  if (upload.size > upload.maxBytes) {
    throw new DomainError('too_large', 'FILE_TOO_LARGE', `the file is ${upload.size} bytes; at most ${upload.maxBytes}`, [
      { field: 'content', message: `at most ${upload.maxBytes} bytes` },
    ]);
  }
  const contentType = sniffContentType(upload.head);
  if (!contentType) {
    throw invalid('FILE_TYPE_UNSUPPORTED', `only ${FILE_TYPES.join(', ')} are accepted`, [{ field: 'content', message: 'not a PDF, JPEG or PNG' }]);
  }
  const declared = upload.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (declared && declared !== contentType) {
    throw invalid('FILE_TYPE_MISMATCH', `declared ${declared} but the content is ${contentType}`, [{ field: 'contentType', message: `the content is ${contentType}` }]);
  }
  const filename = upload.filename.trim();
  if (filename.length > MAX_FILENAME || /[/\\]/.test(filename) || [...filename].some((ch) => ch.charCodeAt(0) < 0x20)) {
    throw invalid('FILENAME_INVALID', `a file name is at most ${MAX_FILENAME} characters, without path separators`, [{ field: 'filename', message: 'invalid' }]);
  }
  return { contentType, filename };
}

/** An uploaded file as registered: the content lives in the file store under its SHA-256. */
export interface FileRecord {
  readonly id: string;
  readonly sha256: string;
  /** SM3 (GB/T 32905) of the content, for the national-standard integrity checks. */
  readonly sm3: string;
  readonly size: number;
  readonly contentType: FileType;
  readonly filename: string;
  /** The caller who uploaded it (a token `sub`): only they may attach it to a case. */
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}
