import { Metadata, status, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { DomainError, isDomainError, type ErrorDetail, type ErrorKind } from '@onewindow/kernel';

/**
 * The one place where domain errors and gRPC statuses meet. The server turns
 * a DomainError into a status plus trailing metadata carrying the kind, the
 * stable code and the details; the client turns that back into the same
 * DomainError, so a caller two hops away can still switch on `code`.
 */
export const ERROR_KIND_KEY = 'x-error-kind';
export const ERROR_CODE_KEY = 'x-error-code';
export const ERROR_DETAILS_KEY = 'x-error-details';

/** What a server hands to grpc-js for a failed call. */
export type RpcErrorStatus = Pick<StatusObject, 'code' | 'details' | 'metadata'>;

const STATUS_OF: Record<ErrorKind, status> = {
  invalid: status.INVALID_ARGUMENT,
  unauthenticated: status.UNAUTHENTICATED,
  forbidden: status.PERMISSION_DENIED,
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  precondition: status.FAILED_PRECONDITION,
  too_large: status.RESOURCE_EXHAUSTED,
  rate_limited: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
  internal: status.INTERNAL,
};

/** Optimistic-concurrency losers may retry the whole read-modify-write: ABORTED says so. */
const ABORTED_CODES = new Set(['STORE_VERSION_CONFLICT']);

const INTERNAL_CODE = 'INTERNAL';
const INTERNAL_MESSAGE = 'internal error';

export function statusOf(err: DomainError): status {
  if (err.kind === 'conflict' && ABORTED_CODES.has(err.code)) return status.ABORTED;
  return STATUS_OF[err.kind] ?? status.INTERNAL;
}

export function statusName(code: status): string {
  return status[code] ?? String(code);
}

/** Anything that is not a DomainError is a bug: the caller gets a generic message, never the internals. */
export function toServiceError(err: unknown): RpcErrorStatus {
  const metadata = new Metadata();
  if (!isDomainError(err) || err.kind === 'internal') {
    metadata.set(ERROR_KIND_KEY, 'internal');
    metadata.set(ERROR_CODE_KEY, isDomainError(err) ? asciiOnly(err.code) : INTERNAL_CODE);
    return { code: status.INTERNAL, details: INTERNAL_MESSAGE, metadata };
  }
  metadata.set(ERROR_KIND_KEY, err.kind);
  metadata.set(ERROR_CODE_KEY, asciiOnly(err.code));
  if (err.details.length > 0) metadata.set(ERROR_DETAILS_KEY, asciiJson(err.details));
  return { code: statusOf(err), details: err.message, metadata };
}

const KINDS: readonly ErrorKind[] = Object.keys(STATUS_OF) as ErrorKind[];

/** The kind a status means when the peer sent no `x-error-kind` (a transport failure or a foreign server). */
const KIND_OF_STATUS: Partial<Record<status, ErrorKind>> = {
  [status.INVALID_ARGUMENT]: 'invalid',
  [status.OUT_OF_RANGE]: 'invalid',
  [status.UNAUTHENTICATED]: 'unauthenticated',
  [status.PERMISSION_DENIED]: 'forbidden',
  [status.NOT_FOUND]: 'not_found',
  [status.ALREADY_EXISTS]: 'conflict',
  [status.ABORTED]: 'conflict',
  [status.FAILED_PRECONDITION]: 'precondition',
  [status.RESOURCE_EXHAUSTED]: 'rate_limited',
  [status.UNAVAILABLE]: 'unavailable',
  [status.DEADLINE_EXCEEDED]: 'unavailable',
  [status.CANCELLED]: 'unavailable',
};

const TRANSPORT_CODES: Partial<Record<status, string>> = {
  [status.DEADLINE_EXCEEDED]: 'UPSTREAM_TIMEOUT',
  [status.UNAVAILABLE]: 'UPSTREAM_UNAVAILABLE',
  [status.CANCELLED]: 'UPSTREAM_CANCELLED',
};

/** Rebuilds the DomainError a server raised, or names the transport failure. */
export function fromServiceError(err: unknown): DomainError {
  if (isDomainError(err)) return err;
  if (!isServiceError(err)) return new DomainError('internal', INTERNAL_CODE, INTERNAL_MESSAGE);

  const kindSent = first(err.metadata, ERROR_KIND_KEY);
  const codeSent = first(err.metadata, ERROR_CODE_KEY);
  if (kindSent !== undefined && codeSent !== undefined && isKind(kindSent)) {
    const message = kindSent === 'internal' ? INTERNAL_MESSAGE : err.details;
    return new DomainError(kindSent, codeSent, message, parseDetails(first(err.metadata, ERROR_DETAILS_KEY)));
  }

  const transportCode = TRANSPORT_CODES[err.code];
  const kind = KIND_OF_STATUS[err.code] ?? 'internal';
  const code = transportCode ?? `UPSTREAM_${statusName(err.code)}`;
  const message = kind === 'internal' ? 'upstream internal error' : err.details || statusName(err.code);
  return new DomainError(kind, code, message);
}

function isServiceError(err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number';
}

function isKind(value: string): value is ErrorKind {
  return (KINDS as readonly string[]).includes(value);
}

function first(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function parseDetails(raw: string | undefined): ErrorDetail[] {
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isErrorDetail).map((d) => (d.field === undefined ? { message: d.message } : d));
  } catch {
    return [];
  }
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  if (typeof value !== 'object' || value === null) return false;
  const { field, message } = value as { field?: unknown; message?: unknown };
  return typeof message === 'string' && (field === undefined || typeof field === 'string');
}

/** Metadata values must be printable ASCII: escape everything else as JSON \u sequences (Chinese messages survive). */
function asciiJson(value: unknown): string {
  return asciiOnly(JSON.stringify(value));
}

function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
