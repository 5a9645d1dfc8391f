import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { systemClock, unauthenticated, unavailable, type Clock } from '@onewindow/kernel';
import { ROLES, type Principal, type Role } from './principal.js';

export interface TokenVerifier {
  /** Resolves to the caller, or throws `unauthenticated` (TOKEN_INVALID, TOKEN_EXPIRED) or `unavailable` (IDP_UNAVAILABLE). */
  verify(token: string): Promise<Principal>;
}

export interface TokenVerifierOptions {
  /** The realm URL exactly as it appears in `iss`, e.g. http://127.0.0.1:8080/realms/onewindow. */
  readonly issuer: string;
  /** The API audience every accepted token must name in `aud`, e.g. onewindow-api. */
  readonly audience: string;
  /** Default: `${issuer}/protocol/openid-connect/certs` (Keycloak's path). */
  readonly jwksUri?: string;
  readonly clockToleranceSec?: number;
  /** Default: the system clock. Tests pass a ManualClock to prove expiry. */
  readonly clock?: Clock;
}

/** Asymmetric only: never `none`, never HS* (an HMAC "signed" with the public key). */
export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'PS256'] as const;

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

/**
 * Verifies Keycloak-shaped access tokens (Keycloak itself, or the embedded
 * issuer of the identity service) against the issuer's published keys.
 * Keys are fetched once, cached, and refetched when a token names an
 * unknown `kid` (key rotation).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const issuer = options.issuer.replace(/\/+$/, '');
  const jwksUri = new URL(options.jwksUri ?? `${issuer}/protocol/openid-connect/certs`);
  const keys: JWTVerifyGetKey = createRemoteJWKSet(jwksUri);
  const clock = options.clock ?? systemClock;

  return {
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer,
          audience: options.audience,
          algorithms: [...ACCEPTED_ALGORITHMS],
          clockTolerance: options.clockToleranceSec ?? 0,
          currentDate: clock.now(),
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (err) {
        throw translate(err);
      }
      return principalFrom(payload, token);
    },
  };
}

/** The token from an `Authorization: Bearer <token>` header value, or undefined. */
export function bearerFrom(headerValue?: string): string | undefined {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(headerValue ?? '');
  return match?.[1];
}

/** Messages name the failure, never the token or its claims. */
function translate(err: unknown): Error {
  if (err instanceof errors.JWTExpired) return unauthenticated('TOKEN_EXPIRED', 'the access token has expired');
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || !(err instanceof errors.JOSEError)) {
    return unavailable('IDP_UNAVAILABLE', 'the identity provider keys could not be fetched');
  }
  if (err.code === errors.JOSEError.code) {
    // jose's generic error is only raised for a bad JWKS response (non-200, not JSON).
    return unavailable('IDP_UNAVAILABLE', 'the identity provider keys could not be fetched');
  }
  return unauthenticated('TOKEN_INVALID', 'the access token is not valid');
}

function principalFrom(payload: JWTPayload, token: string): Principal {
  // Keycloak marks access tokens typ=Bearer; ID and refresh tokens must not pass as access tokens.
  if (payload['typ'] !== undefined && payload['typ'] !== 'Bearer') {
    throw unauthenticated('TOKEN_INVALID', 'the token is not an access token');
  }
  const subject = payload.sub;
  const clientId = stringClaim(payload, 'azp');
  if (!subject || !clientId) throw unauthenticated('TOKEN_INVALID', 'the access token lacks sub or azp');

  const displayName = stringClaim(payload, 'name');
  const orgUnit = stringClaim(payload, 'org_unit');
  const agency = stringClaim(payload, 'agency');
  const hall = stringClaim(payload, 'hall');
  return {
    subject,
    username: stringClaim(payload, 'preferred_username') ?? subject,
    roles: realmRoles(payload),
    clientId,
    token,
    ...(displayName !== undefined && { displayName }),
    ...(orgUnit !== undefined && { orgUnit }),
    ...(agency !== undefined && { agency }),
    ...(hall !== undefined && { hall }),
  };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Only roles this platform knows; Keycloak adds its own (offline_access, uma_authorization, default-roles-*). */
function realmRoles(payload: JWTPayload): Role[] {
  const access = payload['realm_access'];
  if (typeof access !== 'object' || access === null || !('roles' in access)) return [];
  const roles: unknown = access.roles;
  if (!Array.isArray(roles)) return [];
  const known = roles.filter((r): r is Role => typeof r === 'string' && ROLE_SET.has(r));
  return [...new Set(known)];
}
