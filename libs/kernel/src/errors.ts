/**
 * Typed domain errors. Every service throws these; each transport maps the
 * `kind` once (gRPC status in @onewindow/rpc, problem+json in the gateway).
 * `code` is stable and documented: clients may switch on it.
 */
export type ErrorKind =
  | 'invalid' // bad input: 400 / INVALID_ARGUMENT
  | 'unauthenticated' // no or bad credentials: 401 / UNAUTHENTICATED
  | 'forbidden' // authenticated, not allowed: 403 / PERMISSION_DENIED
  | 'not_found' // 404 / NOT_FOUND
  | 'conflict' // duplicate or concurrent change: 409 / ALREADY_EXISTS or ABORTED
  | 'precondition' // wrong state for this action: 409 / FAILED_PRECONDITION
  | 'too_large' // 413 / RESOURCE_EXHAUSTED
  | 'rate_limited' // 429 / RESOURCE_EXHAUSTED
  | 'unavailable' // a dependency is down: 503 / UNAVAILABLE
  | 'internal'; // a bug: 500 / INTERNAL

export interface ErrorDetail {
  readonly field?: string;
  readonly message: string;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string, details: readonly ErrorDetail[] = []) =>
  new DomainError('invalid', code, message, details);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const unauthenticated = (code: string, message: string) =>
  new DomainError('unauthenticated', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const precondition = (code: string, message: string) => new DomainError('precondition', code, message);
export const unavailable = (code: string, message: string) => new DomainError('unavailable', code, message);

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
