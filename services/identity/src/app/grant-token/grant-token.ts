import { forbidden, invalid } from '@onewindow/kernel';
import { allowsGrant, GRANT_TYPES, type GrantType } from '../../domain/index.js';
import { authenticateClient } from '../authenticate-client/authenticate-client.js';
import { authenticateUser } from '../authenticate-user/authenticate-user.js';
import { issueAccessToken, type IssueAccessTokenDeps, type IssuedTokens } from '../issue-access-token/issue-access-token.js';
import type { ClientRegistry, UserDirectory } from '../ports.js';

export interface GrantTokenDeps extends IssueAccessTokenDeps {
  readonly users: UserDirectory;
  readonly clients: ClientRegistry;
}

/** The token endpoint's parameters, already decoded; the client's credentials from whichever method it used. */
export interface TokenRequest {
  readonly grantType?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly username?: string;
  readonly password?: string;
  readonly scope?: string;
}

export const INVALID_REQUEST = 'INVALID_REQUEST';
export const UNSUPPORTED_GRANT_TYPE = 'UNSUPPORTED_GRANT_TYPE';
export const UNAUTHORIZED_CLIENT = 'UNAUTHORIZED_CLIENT';
export const INVALID_SCOPE = 'INVALID_SCOPE';

export const SUPPORTED_SCOPES = ['openid', 'profile', 'email'] as const;
/** What Keycloak grants a client by default; `openid` only when asked. */
const DEFAULT_SCOPES = ['profile', 'email'] as const;

const GRANT_NOT_ALLOWED: Record<GrantType, string> = {
  password: 'Client not allowed for direct access grants',
  client_credentials: 'Client not enabled to retrieve service account',
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
  const scopes = grantedScopes(request.scope);

  if (grantType === 'client_credentials') return issueAccessToken(deps, { client, scopes });

  if (!request.username) throw invalid(INVALID_REQUEST, 'Missing parameter: username');
  if (request.password === undefined) throw invalid(INVALID_REQUEST, 'Missing parameter: password');
  const user = await authenticateUser(deps, { username: request.username, password: request.password });
  return issueAccessToken(deps, { client, user, scopes });
}

function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

function grantedScopes(requested: string | undefined): string[] {
  const asked = (requested ?? '').split(' ').filter(Boolean);
  const unknown = asked.filter((s) => !(SUPPORTED_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw invalid(INVALID_SCOPE, `Invalid scopes: ${unknown.join(' ')}`);
  return [...(asked.includes('openid') ? ['openid'] : []), ...DEFAULT_SCOPES];
}
