export { createOidcRouter, type OidcRouter, type OidcRouterOptions } from './router.js';
export { discoveryDocument, PATHS as OIDC_PATHS } from './discovery.js';
export { InMemoryAuthorizationGrants } from './grant-store.js';
