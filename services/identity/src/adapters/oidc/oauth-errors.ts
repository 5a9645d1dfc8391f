import { isDomainError } from '@onewindow/kernel';
import {
  CLIENT_SECRET_MISSING,
  INVALID_CLIENT,
  INVALID_GRANT,
  INVALID_REDIRECT_URI,
  INVALID_REQUEST,
  INVALID_SCOPE,
  INVALID_USER_CREDENTIALS,
  UNAUTHORIZED_CLIENT,
  UNSUPPORTED_GRANT_TYPE,
} from '../../app/index.js';
import { BODY_TOO_LARGE } from './http.js';

export interface OAuthErrorResponse {
  readonly status: number;
  readonly body: { readonly error: string; readonly error_description: string };
}

/** Use-case error code → OAuth error and HTTP status, as Keycloak answers them. */
const BY_CODE: Readonly<Record<string, { status: number; error: string }>> = {
  [INVALID_REQUEST]: { status: 400, error: 'invalid_request' },
  [BODY_TOO_LARGE]: { status: 413, error: 'invalid_request' },
  [UNSUPPORTED_GRANT_TYPE]: { status: 400, error: 'unsupported_grant_type' },
  [INVALID_CLIENT]: { status: 401, error: 'invalid_client' },
  [CLIENT_SECRET_MISSING]: { status: 401, error: 'invalid_client' },
  [UNAUTHORIZED_CLIENT]: { status: 400, error: 'unauthorized_client' },
  [INVALID_USER_CREDENTIALS]: { status: 401, error: 'invalid_grant' },
  [INVALID_SCOPE]: { status: 400, error: 'invalid_scope' },
  [INVALID_GRANT]: { status: 400, error: 'invalid_grant' },
  [INVALID_REDIRECT_URI]: { status: 400, error: 'invalid_request' },
};

/** The OAuth error for a failure, or undefined for an unexpected one (a 500 whose cause is logged, never sent). */
export function oauthError(err: unknown): OAuthErrorResponse | undefined {
  if (!isDomainError(err)) return undefined;
  const mapped = BY_CODE[err.code];
  if (!mapped) return undefined;
  return { status: mapped.status, body: { error: mapped.error, error_description: err.message } };
}
