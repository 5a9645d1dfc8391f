import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, invalid } from '@onewindow/kernel';
import { INVALID_REQUEST } from '../../app/index.js';

export const BODY_TOO_LARGE = 'BODY_TOO_LARGE';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * The token endpoint's form. Reads the body itself, or takes what an
 * express body parser mounted in front already decoded. Refuses other
 * content types, bodies over `limit` bytes and repeated parameters
 * (RFC 6749 §3.2).
 */
export async function readForm(req: IncomingMessage, limit: number): Promise<Map<string, string>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw invalid(INVALID_REQUEST, 'Content-Type must be application/x-www-form-urlencoded');
  }
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (isStringRecord(parsed)) return new Map(Object.entries(parsed));

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw new DomainError('too_large', BODY_TOO_LARGE, `request body over ${limit} bytes`);
    chunks.push(buffer);
  }
  const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const form = new Map<string, string>();
  for (const [name, value] of params) {
    if (form.has(name)) throw invalid(INVALID_REQUEST, `Duplicated parameter: ${name}`);
    form.set(name, value);
  }
  return form;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}
