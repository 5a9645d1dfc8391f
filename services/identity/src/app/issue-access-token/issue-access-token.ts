import { SignJWT, type JWTPayload } from 'jose';
import { newId, type Clock } from '@onewindow/kernel';
import type { Role } from '@onewindow/auth';
import { rolesOf, serviceAccountUsername, type Client, type User } from '../../domain/index.js';
import type { SigningKeys } from '../ports.js';

export interface IssueAccessTokenDeps {
  readonly keys: SigningKeys;
  readonly clock: Clock;
  /** Public realm URL, written into `iss`; verifiers compare it exactly. */
  readonly issuer: string;
  /** The API audience, written into `aud` (`onewindow-api`). */
  readonly audience: string;
  readonly accessTokenTtlSec: number;
}

export interface TokenGrant {
  readonly client: Client;
  /** The person signing in; absent for a client's own service account. */
  readonly user?: User;
  /** Granted scopes; `openid` also yields an ID token for a person. */
  readonly scopes: readonly string[];
  /** The sign-in (code flow) the tokens belong to: `sid`, as Keycloak writes it. */
  readonly sessionId?: string;
  /** The authorization request's nonce, echoed in the ID token for the client to check. */
  readonly nonce?: string;
}

export interface IssuedTokens {
  /** The token's `sub`, for the caller's own records; never log the tokens themselves. */
  readonly subject: string;
  readonly accessToken: string;
  readonly idToken?: string;
  readonly expiresIn: number;
  readonly scope: string;
  readonly refreshToken?: string;
  readonly refreshExpiresIn?: number;
}

/**
 * Signs a Keycloak-shaped access token: the claims every service reads
 * through `createTokenVerifier` (@onewindow/auth). Claims a subject lacks
 * are left out, never sent empty.
 */
export async function issueAccessToken(deps: IssueAccessTokenDeps, grant: TokenGrant): Promise<IssuedTokens> {
  const now = deps.clock.now();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + deps.accessTokenTtlSec;
  const scope = grant.scopes.join(' ');
  const subject = subjectClaims(grant);
  const key = await deps.keys.current();
  const sign = (payload: JWTPayload) =>
    new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);

  const accessToken = await sign({
    iss: deps.issuer,
    aud: deps.audience,
    azp: grant.client.clientId,
    iat,
    exp,
    jti: newId(now.getTime()),
    typ: 'Bearer',
    scope,
    ...(grant.sessionId !== undefined && { sid: grant.sessionId }),
    ...subject,
  });

  const idToken =
    grant.user && grant.scopes.includes('openid')
      ? await sign({
          iss: deps.issuer,
          aud: grant.client.clientId,
          azp: grant.client.clientId,
          iat,
          exp,
          auth_time: iat,
          jti: newId(now.getTime()),
          typ: 'ID',
          sub: subject.sub,
          preferred_username: subject.preferred_username,
          ...(subject.name !== undefined && { name: subject.name }),
          ...(grant.sessionId !== undefined && { sid: grant.sessionId }),
          ...(grant.nonce !== undefined && { nonce: grant.nonce }),
        })
      : undefined;

  return { subject: subject.sub, accessToken, expiresIn: deps.accessTokenTtlSec, scope, ...(idToken && { idToken }) };
}

interface SubjectClaims {
  sub: string;
  preferred_username: string;
  name?: string;
  realm_access: { roles: Role[] };
  org_unit?: string;
  agency?: string;
  hall?: string;
}

function subjectClaims({ client, user }: TokenGrant): SubjectClaims {
  if (!user) {
    return {
      sub: client.id,
      preferred_username: serviceAccountUsername(client),
      realm_access: { roles: [...client.serviceAccountRoles] },
    };
  }
  const claims: SubjectClaims = {
    sub: user.id,
    preferred_username: user.username,
    name: user.displayName,
    realm_access: { roles: [...rolesOf(user)] },
  };
  if (user.kind === 'staff') {
    if (user.orgUnit) claims.org_unit = user.orgUnit;
    if (user.agency) claims.agency = user.agency;
    if (user.hall) claims.hall = user.hall;
  }
  return claims;
}
