import { SUPPORTED_SCOPES } from '../../app/index.js';

/** Keycloak's endpoint paths under the realm URL, so clients written for Keycloak work unchanged. */
export const PATHS = {
  discovery: '/.well-known/openid-configuration',
  certs: '/protocol/openid-connect/certs',
  token: '/protocol/openid-connect/token',
} as const;

/** The OpenID provider metadata of the embedded issuer (the subset it implements). */
export function discoveryDocument(issuer: string) {
  return {
    issuer,
    token_endpoint: `${issuer}${PATHS.token}`,
    jwks_uri: `${issuer}${PATHS.certs}`,
    grant_types_supported: ['password', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    id_token_signing_alg_values_supported: ['RS256'],
    subject_types_supported: ['public'],
    scopes_supported: [...SUPPORTED_SCOPES],
    claims_supported: [
      'iss',
      'sub',
      'aud',
      'azp',
      'exp',
      'iat',
      'jti',
      'typ',
      'scope',
      'preferred_username',
      'name',
      'realm_access',
      'org_unit',
      'agency',
      'hall',
    ],
  };
}
