import { SUPPORTED_SCOPES } from '../../app/index.js';

/** Keycloak's endpoint paths under the realm URL, so clients written for Keycloak work unchanged. */
export const PATHS = {
  discovery: '/.well-known/openid-configuration',
  certs: '/protocol/openid-connect/certs',
  token: '/protocol/openid-connect/token',
  auth: '/protocol/openid-connect/auth',
  logout: '/protocol/openid-connect/logout',
} as const;

/** The OpenID provider metadata of the embedded issuer (the subset it implements). */
export function discoveryDocument(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}${PATHS.auth}`,
    token_endpoint: `${issuer}${PATHS.token}`,
    end_session_endpoint: `${issuer}${PATHS.logout}`,
    jwks_uri: `${issuer}${PATHS.certs}`,
    grant_types_supported: ['authorization_code', 'refresh_token', 'password', 'client_credentials'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    code_challenge_methods_supported: ['S256'],
    ui_locales_supported: ['zh-CN', 'en'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
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
      'nonce',
      'sid',
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
