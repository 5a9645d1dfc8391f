import { isDomainError, type ErrorKind } from '@onewindow/kernel';

/** The one mapping of domain error kinds to HTTP statuses (RFC 9457 problem details). */
const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: readonly { field?: string; message: string }[];
  traceId?: string;
}

export function toProblem(err: unknown, instance: string, traceId?: string): Problem {
  if (isDomainError(err)) {
    const status = STATUS[err.kind];
    return {
      type: `https://onewindow.dev/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
      title: err.kind.replaceAll('_', ' '),
      status,
      code: err.code,
      detail: status >= 500 && err.kind === 'internal' ? 'internal error' : err.message,
      instance,
      ...(err.details.length ? { errors: err.details } : {}),
      ...(traceId ? { traceId } : {}),
    };
  }
  return {
    type: 'https://onewindow.dev/problems/internal',
    title: 'internal',
    status: 500,
    code: 'INTERNAL',
    detail: 'internal error',
    instance,
    ...(traceId ? { traceId } : {}),
  };
}
