import { forbidden, invalid } from '@onewindow/kernel';
import { opaqueToken, verifierMatches } from '../authorize/pkce.js';
import { grantedScopes } from './scopes.js';
import { allowsGrant, GRANT_TYPES, type ClientApplication, type GrantType } from '../../domain/index.js';
import { authenticateClient } from '../authenticate-client/authenticate-client.js';
import { authenticateUser } from '../authenticate-user/authenticate-user.js';
import { issueAccessToken, type IssueAccessTokenDeps, type IssuedTokens } from '../issue-access-token/issue-access-token.js';
import type { AuthorizationGrants, ClientRegistry, RefreshSession, UserDirectory } from '../ports.js';

export interface GrantTokenDeps extends IssueAccessTokenDeps {
  readonly users: UserDirectory;
  readonly clients: ClientRegistry;
  /** Codes and refresh tokens; without them the code flow and refresh are unsupported. */
  readonly grants?: AuthorizationGrants;
  /** Idle lifetime of a sign-in: each refresh extends it. Default 1800 s, Keycloak's SSO idle timeout. */
  readonly refreshTokenTtlSec?: number;
}

/** The token endpoint's parameters, already decoded; the client's credentials from whichever method it used. */
export interface TokenRequest {
  readonly grantType?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly username?: string;
  readonly password?: string;
  readonly scope?: string;
  readonly code?: string;
  readonly redirectUri?: string;
  readonly codeVerifier?: string;
  readonly refreshToken?: string;
}

export const INVALID_REQUEST = 'INVALID_REQUEST';
export const UNSUPPORTED_GRANT_TYPE = 'UNSUPPORTED_GRANT_TYPE';
export const UNAUTHORIZED_CLIENT = 'UNAUTHORIZED_CLIENT';
/** A code or refresh token that is unknown, used, expired, another client's, or whose PKCE verifier does not match. */
export const INVALID_GRANT = 'INVALID_GRANT';
export { INVALID_SCOPE, SUPPORTED_SCOPES } from './scopes.js';

const GRANT_NOT_ALLOWED: Record<GrantType, string> = {
  password: 'Client not allowed for direct access grants',
  client_credentials: 'Client not enabled to retrieve service account',
  authorization_code: 'Client not allowed for the standard flow',
  refresh_token: 'Client not allowed to refresh tokens',
};

/**
 * The token endpoint's rules: which grant, which client, whether that
 * client may use that grant, which scopes, and for the password grant
 * whose password. Errors carry the codes the OIDC adapter maps to OAuth
 * error responses.
 */
export async function grantToken(deps: GrantTokenDeps, request: TokenRequest): Promise<IssuedTokens> {
  if (!request.grantType) throw invalid(INVALID_REQUEST, 'Missing form parameter: grant_type');
  if (!isGrantType(request.grantType)) throw invalid(UNSUPPORTED_GRANT_TYPE, 'Unsupported grant_type');
  const grantType = request.grantType;

  const client = await authenticateClient(deps, request);
  if (!allowsGrant(client, grantType)) throw forbidden(UNAUTHORIZED_CLIENT, GRANT_NOT_ALLOWED[grantType]);
  const scopes = grantType === 'authorization_code' || grantType === 'refresh_token' ? [] : grantedScopes(request.scope);

  if (grantType === 'client_credentials') return issueAccessToken(deps, { client, scopes });
  if (grantType === 'authorization_code') return redeemCode(deps, client, request);
  if (grantType === 'refresh_token') return refreshTokens(deps, client, request);

  if (!request.username) throw invalid(INVALID_REQUEST, 'Missing parameter: username');
  if (request.password === undefined) throw invalid(INVALID_REQUEST, 'Missing parameter: password');
  const user = await authenticateUser(deps, { username: request.username, password: request.password });
  return issueAccessToken(deps, { client, user, scopes });
}

function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

function grantsOf(deps: GrantTokenDeps): AuthorizationGrants {
  if (!deps.grants) throw invalid(UNSUPPORTED_GRANT_TYPE, 'Unsupported grant_type');
  return deps.grants;
}

async function redeemCode(deps: GrantTokenDeps, client: ClientApplication, request: TokenRequest): Promise<IssuedTokens> {
  const grants = grantsOf(deps);
  if (!request.code) throw invalid(INVALID_REQUEST, 'Missing parameter: code');
  const pending = await grants.takeCode(request.code);
  const now = deps.clock.now().getTime();
  if (!pending) {
    // RFC 6749 §4.1.2: a code presented twice may have been stolen; the sign-in it started is ended.
    const redeemedBy = await grants.redeemedSession(request.code);
    if (redeemedBy) await grants.endSession(redeemedBy);
    throw invalid(INVALID_GRANT, 'Code not valid');
  }
  if (pending.expiresAt <= now) throw invalid(INVALID_GRANT, 'Code not valid');
  if (pending.clientId !== client.clientId) throw invalid(INVALID_GRANT, 'Code was issued to another client');
  if (request.redirectUri !== pending.redirectUri) throw invalid(INVALID_GRANT, 'Incorrect redirect_uri');
  if (!request.codeVerifier) throw invalid(INVALID_GRANT, 'PKCE code verifier not specified');
  if (!verifierMatches(request.codeVerifier, pending.codeChallenge)) throw invalid(INVALID_GRANT, 'PKCE verification failed: Invalid code verifier');
  const sessionId = opaqueToken();
  await grants.markRedeemed(pending.code, sessionId, pending.expiresAt);
  return issueForSession(deps, client, { sessionId, username: pending.username, scopes: pending.scopes, nonce: pending.nonce });
}

async function refreshTokens(deps: GrantTokenDeps, client: ClientApplication, request: TokenRequest): Promise<IssuedTokens> {
  const grants = grantsOf(deps);
  if (!request.refreshToken) throw invalid(INVALID_REQUEST, 'Missing parameter: refresh_token');
  const session = await grants.takeRefresh(request.refreshToken);
  if (!session || session.expiresAt <= deps.clock.now().getTime()) throw invalid(INVALID_GRANT, 'Token is not active');
  if (session.clientId !== client.clientId) {
    await grants.endSession(session.sessionId);
    throw invalid(INVALID_GRANT, "Invalid refresh token. Token client and authorized client don't match");
  }
  return issueForSession(deps, client, session);
}

/** Access (and ID) tokens for a person's sign-in, with the next refresh token of the same session. */
async function issueForSession(
  deps: GrantTokenDeps,
  client: ClientApplication,
  session: Pick<RefreshSession, 'sessionId' | 'username' | 'scopes'> & { readonly nonce?: string | undefined },
): Promise<IssuedTokens> {
  const grants = grantsOf(deps);
  const user = await deps.users.findByUsername(session.username);
  if (!user || !user.enabled) {
    await grants.endSession(session.sessionId);
    throw invalid(INVALID_GRANT, 'User is not active');
  }
  const issued = await issueAccessToken(deps, {
    client,
    user,
    scopes: session.scopes,
    sessionId: session.sessionId,
    ...(session.nonce !== undefined && { nonce: session.nonce }),
  });
  const ttl = deps.refreshTokenTtlSec ?? 1800;
  const refreshToken = opaqueToken();
  await grants.saveRefresh({
    token: refreshToken,
    sessionId: session.sessionId,
    clientId: client.clientId,
    username: user.username,
    scopes: session.scopes,
    expiresAt: deps.clock.now().getTime() + ttl * 1000,
  });
  return { ...issued, refreshToken, refreshExpiresIn: ttl };
}

/** Logout: the refresh token's whole sign-in ends. An unknown or another client's token ends nothing and says so. */
export async function endSignIn(deps: GrantTokenDeps, client: ClientApplication, refreshToken: string | undefined): Promise<void> {
  const grants = grantsOf(deps);
  if (!refreshToken) throw invalid(INVALID_REQUEST, 'Missing parameter: refresh_token');
  const session = await grants.takeRefresh(refreshToken);
  if (!session) throw invalid(INVALID_GRANT, 'Invalid refresh token');
  if (session.clientId !== client.clientId) {
    await grants.saveRefresh(session);
    throw invalid(INVALID_GRANT, "Invalid refresh token. Token client and authorized client don't match");
  }
  await grants.endSession(session.sessionId);
}
