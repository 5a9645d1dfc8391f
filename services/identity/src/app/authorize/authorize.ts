import { invalid } from '@onewindow/kernel';
import type { Clock } from '@onewindow/kernel';
import { allowsGrant, isRegisteredRedirect, type ClientApplication } from '../../domain/index.js';
import { authenticateUser, type UserCredentials } from '../authenticate-user/authenticate-user.js';
import { INVALID_CLIENT } from '../authenticate-client/authenticate-client.js';
import { grantedScopes } from '../grant-token/scopes.js';
import type { AuthorizationGrants, ClientRegistry, UserDirectory } from '../ports.js';
import { isS256Challenge, opaqueToken } from './pkce.js';

/** The authorization endpoint's query, already decoded. */
export interface AuthorizationRequest {
  readonly responseType?: string;
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly scope?: string;
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
}

/** A request fit for the login page: the client and where its answer goes are known. */
export interface CheckedAuthorization {
  readonly client: ClientApplication;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly state: string;
  readonly nonce?: string;
  readonly codeChallenge: string;
}

export type AuthorizationCheck =
  | { readonly kind: 'login'; readonly request: CheckedAuthorization }
  /** The client is known and the redirect registered: the refusal goes back to it, as RFC 6749 §4.1.2.1 says. */
  | { readonly kind: 'refused'; readonly location: string };

export const INVALID_REDIRECT_URI = 'INVALID_REDIRECT_URI';
/** Codes live a minute, Keycloak's default: long enough for a redirect, too short to be worth stealing. */
export const CODE_TTL_MS = 60_000;

/**
 * Checks an authorization request. An unknown client or a redirect URI it
 * did not register is thrown (the page says so; sending the browser there
 * would make the issuer an open redirector); anything else wrong is
 * answered at the client's redirect URI.
 */
export async function checkAuthorizationRequest(
  deps: { readonly clients: ClientRegistry; readonly issuer: string },
  request: AuthorizationRequest,
): Promise<AuthorizationCheck> {
  const client = request.clientId ? await deps.clients.findByClientId(request.clientId) : null;
  if (!client || !client.enabled) throw invalid(INVALID_CLIENT, 'Client not found.');
  const redirectUri = request.redirectUri ?? '';
  if (!isRegisteredRedirect(client, redirectUri)) throw invalid(INVALID_REDIRECT_URI, 'Invalid parameter: redirect_uri');

  const refuse = (error: string, description: string): AuthorizationCheck => ({
    kind: 'refused',
    location: withQuery(redirectUri, { error, error_description: description, state: request.state, iss: deps.issuer }),
  });
  if (request.responseType !== 'code') return refuse('unsupported_response_type', 'Client is not allowed to initiate browser login with given response_type.');
  if (!allowsGrant(client, 'authorization_code')) return refuse('unauthorized_client', 'Client is not allowed to initiate browser login.');
  if (!request.state) return refuse('invalid_request', 'Missing parameter: state');
  if (request.codeChallengeMethod !== 'S256') return refuse('invalid_request', 'Invalid parameter: code_challenge_method');
  if (!request.codeChallenge || !isS256Challenge(request.codeChallenge)) return refuse('invalid_request', 'Invalid parameter: code_challenge');
  let scopes: string[];
  try {
    scopes = grantedScopes(request.scope);
  } catch {
    return refuse('invalid_scope', 'Invalid scopes');
  }
  return {
    kind: 'login',
    request: {
      client,
      redirectUri,
      scopes,
      state: request.state,
      codeChallenge: request.codeChallenge,
      ...(request.nonce !== undefined && { nonce: request.nonce }),
    },
  };
}

/** The person signed in on the login page: a one-time code goes back to the client. Wrong credentials throw. */
export async function approveAuthorization(
  deps: { readonly users: UserDirectory; readonly grants: AuthorizationGrants; readonly clock: Clock; readonly issuer: string },
  request: CheckedAuthorization,
  credentials: UserCredentials,
): Promise<{ readonly location: string; readonly username: string }> {
  const user = await authenticateUser(deps, credentials);
  const code = opaqueToken();
  await deps.grants.saveCode({
    code,
    clientId: request.client.clientId,
    redirectUri: request.redirectUri,
    username: user.username,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    ...(request.nonce !== undefined && { nonce: request.nonce }),
    expiresAt: deps.clock.now().getTime() + CODE_TTL_MS,
  });
  return { location: withQuery(request.redirectUri, { code, state: request.state, iss: deps.issuer }), username: user.username };
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
