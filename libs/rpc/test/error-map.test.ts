import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { DomainError, type ErrorKind } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { fromServiceError, toServiceError } from '../src/index.js';

/** What grpc-js hands a client callback: the status the server sent, as an Error. */
function asReceived(sent: ReturnType<typeof toServiceError>): ServiceError {
  return Object.assign(new Error(`${sent.code} ${sent.details}`), sent);
}

function transportError(code: status, details: string): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

describe('DomainError to gRPC status', () => {
  it.each<[ErrorKind, string, status]>([
    ['invalid', 'CASE_INVALID', status.INVALID_ARGUMENT],
    ['unauthenticated', 'TOKEN_EXPIRED', status.UNAUTHENTICATED],
    ['forbidden', 'CASE_NOT_IN_HALL', status.PERMISSION_DENIED],
    ['not_found', 'PARTNER_NOT_FOUND', status.NOT_FOUND],
    ['conflict', 'CASE_EXISTS', status.ALREADY_EXISTS],
    ['conflict', 'STORE_VERSION_CONFLICT', status.ABORTED],
    ['precondition', 'CASE_NOT_ACCEPTED', status.FAILED_PRECONDITION],
    ['too_large', 'MATERIAL_TOO_LARGE', status.RESOURCE_EXHAUSTED],
    ['rate_limited', 'TOO_MANY_REQUESTS', status.RESOURCE_EXHAUSTED],
    ['unavailable', 'STORE_UNAVAILABLE', status.UNAVAILABLE],
  ])('sends %s/%s as status %i and rebuilds the same error on the client', (kind, code, expected) => {
    const original = new DomainError(kind, code, `消息 ${code}`, [{ field: 'f', message: '说明' }]);
    const sent = toServiceError(original);
    expect(sent.code).toBe(expected);
    const rebuilt = fromServiceError(asReceived(sent));
    expect(rebuilt).toBeInstanceOf(DomainError);
    expect({ ...rebuilt, message: rebuilt.message }).toEqual({ ...original, message: original.message });
  });

  it('never sends the message of an error that is not a DomainError', () => {
    const sent = toServiceError(new TypeError("Cannot read properties of undefined (reading 'secretKey')"));
    expect(sent).toMatchObject({ code: status.INTERNAL, details: 'internal error' });
    expect(sent.metadata.get('x-error-code')).toEqual(['INTERNAL']);
  });

  it("keeps an internal DomainError's code but not its message", () => {
    const sent = toServiceError(new DomainError('internal', 'LEDGER_UNBALANCED', 'debits 100 != credits 90 in posting 42'));
    expect(sent.details).toBe('internal error');
    expect(fromServiceError(asReceived(sent))).toMatchObject({ kind: 'internal', code: 'LEDGER_UNBALANCED', message: 'internal error' });
  });

  it('keeps metadata printable ASCII when details are Chinese', () => {
    const sent = toServiceError(new DomainError('invalid', 'X', 'x', [{ message: '缺少营业执照 😀' }]));
    const raw = sent.metadata.get('x-error-details')[0];
    expect(raw).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(String(raw))).toEqual([{ message: '缺少营业执照 😀' }]);
  });
});

describe('transport failures to DomainError', () => {
  it.each<[status, ErrorKind, string]>([
    [status.DEADLINE_EXCEEDED, 'unavailable', 'UPSTREAM_TIMEOUT'],
    [status.UNAVAILABLE, 'unavailable', 'UPSTREAM_UNAVAILABLE'],
    [status.CANCELLED, 'unavailable', 'UPSTREAM_CANCELLED'],
    [status.UNIMPLEMENTED, 'internal', 'UPSTREAM_UNIMPLEMENTED'],
    [status.NOT_FOUND, 'not_found', 'UPSTREAM_NOT_FOUND'],
  ])('maps status %i without OneWindow metadata to %s/%s', (code, kind, expectedCode) => {
    expect(fromServiceError(transportError(code, 'transport said so'))).toMatchObject({ kind, code: expectedCode });
  });

  it('does not repeat an upstream internal message', () => {
    expect(fromServiceError(transportError(status.INTERNAL, 'stack trace from a foreign server')).message).not.toContain(
      'stack trace',
    );
  });

  it('ignores malformed details rather than failing the conversion', () => {
    const err = asReceived(toServiceError(new DomainError('invalid', 'X', 'bad')));
    err.metadata.set('x-error-details', '{not json');
    expect(fromServiceError(err)).toMatchObject({ kind: 'invalid', code: 'X', details: [] });
  });

  it('returns a DomainError it is given unchanged, and anything else as internal', () => {
    const original = new DomainError('forbidden', 'NOPE', 'no');
    expect(fromServiceError(original)).toBe(original);
    expect(fromServiceError('boom')).toMatchObject({ kind: 'internal', code: 'INTERNAL' });
  });
});
