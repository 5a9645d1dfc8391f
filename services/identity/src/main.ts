// Composition root of the identity service: the only place that reads the environment.
import { createServer } from 'node:http';
import { createIdentifierVault, parseDataEncryptionKey, VaultKeyError } from '@onewindow/identifiers';
import { ConfigError, envSchemas, systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve, SERVICES } from '@onewindow/runtime';
import { z } from 'zod';
import { contactCodeKey, cryptoRandom } from './adapters/contact-code.js';
import { embeddedIdentityProvider } from './adapters/idp/embedded.js';
import { keycloakIdentityProvider } from './adapters/idp/keycloak.js';
import { provisioningNotConfigured } from './adapters/idp/not-configured.js';
import { createOidcRouter } from './adapters/oidc/index.js';
import { storeClientRegistry, storeSigningKeys, storeUserDirectory } from './adapters/store/repositories.js';
import {
  assertNoDemoAccounts,
  demoDirectory,
  demoSeed,
  PersistentSigningKeys,
  seedDemoAccounts,
  seedDemoDirectory,
  type IdentityProviderAdmin,
} from './app/index.js';
import { composeIdentity } from './compose.js';

const secret = z.string().min(16, 'at least 16 characters');
const config = parseServiceConfig('identity', process.env, {
  /** The embedded issuer's HTTP port; the gateway proxies /realms/* here. */
  HTTP_PORT: envSchemas.port(SERVICES.identity.http),
  /** embedded: this service issues tokens; external: Keycloak does, and this service provisions it through the admin API. */
  ISSUER: z.enum(['embedded', 'external']).default('embedded'),
  DEMO_ACCOUNTS: envSchemas.bool(false),
  SERVICES_CLIENT_SECRET: secret.optional(),
  PARTNER_DEMO_SECRET: secret.optional(),
  /** 32 bytes, base64: seals resident IDs and USCCs at rest (AES-256-GCM). Required, no default. */
  DATA_ENCRYPTION_KEY: z.string().min(1, 'required: 32 bytes, base64'),
  /** Keycloak's base URL for the admin API (external issuer), e.g. http://127.0.0.1:8180. */
  KEYCLOAK_URL: z.url().optional(),
  KEYCLOAK_REALM: z.string().default('onewindow'),
  /** Admin API credentials: a realm client with realm-management roles … */
  KEYCLOAK_ADMIN_CLIENT_ID: z.string().optional(),
  KEYCLOAK_ADMIN_CLIENT_SECRET: secret.optional(),
  /** … or an administrator of the master realm. */
  KEYCLOAK_ADMIN_USERNAME: z.string().optional(),
  KEYCLOAK_ADMIN_PASSWORD: secret.optional(),
});

let vaultKey: Buffer;
try {
  vaultKey = parseDataEncryptionKey(config.DATA_ENCRYPTION_KEY);
} catch (err) {
  throw err instanceof VaultKeyError ? new ConfigError([`DATA_ENCRYPTION_KEY: ${err.message}`]) : err;
}

const rt = await openRuntime(config);
const clock = systemClock;
const users = storeUserDirectory(rt.store);
const clients = storeClientRegistry(rt.store);
const env = config.ONEWINDOW_ENV;

/**
 * Embedded: the issuer's own accounts. External (Keycloak): the admin REST
 * API when configured; with no Keycloak admin settings at all, identity
 * still answers questions and refuses provisioning (IDP_ADMIN_NOT_CONFIGURED).
 * Half a configuration fails the start.
 */
function identityProvider(): IdentityProviderAdmin {
  if (config.ISSUER === 'embedded') return embeddedIdentityProvider({ users, clients, clock });
  const client = config.KEYCLOAK_ADMIN_CLIENT_ID && config.KEYCLOAK_ADMIN_CLIENT_SECRET;
  const admin = config.KEYCLOAK_ADMIN_USERNAME && config.KEYCLOAK_ADMIN_PASSWORD;
  const anySet = [config.KEYCLOAK_URL, config.KEYCLOAK_ADMIN_CLIENT_ID, config.KEYCLOAK_ADMIN_CLIENT_SECRET, config.KEYCLOAK_ADMIN_USERNAME, config.KEYCLOAK_ADMIN_PASSWORD].some(Boolean);
  if (!anySet) {
    rt.logger.warn('ISSUER=external without KEYCLOAK_URL: staff, applicant and partner provisioning is refused');
    return provisioningNotConfigured();
  }
  const problems = [
    ...(config.KEYCLOAK_URL ? [] : ['KEYCLOAK_URL: required with Keycloak admin credentials']),
    ...(client || admin ? [] : ['KEYCLOAK_ADMIN_CLIENT_ID + KEYCLOAK_ADMIN_CLIENT_SECRET, or KEYCLOAK_ADMIN_USERNAME + KEYCLOAK_ADMIN_PASSWORD: required with KEYCLOAK_URL']),
  ];
  if (problems.length > 0 || !config.KEYCLOAK_URL) throw new ConfigError(problems);
  return keycloakIdentityProvider({
    baseUrl: config.KEYCLOAK_URL,
    realm: config.KEYCLOAK_REALM,
    credentials: client
      ? { kind: 'client', clientId: config.KEYCLOAK_ADMIN_CLIENT_ID ?? '', clientSecret: config.KEYCLOAK_ADMIN_CLIENT_SECRET ?? '' }
      : { kind: 'password', username: config.KEYCLOAK_ADMIN_USERNAME ?? '', password: config.KEYCLOAK_ADMIN_PASSWORD ?? '' },
  });
}

const identity = composeIdentity({
  store: rt.store,
  clock,
  vault: createIdentifierVault(vaultKey),
  idp: identityProvider(),
  audit: { record: async (record) => void (await rt.audit.append(record)) },
  random: cryptoRandom,
  codeKey: contactCodeKey(vaultKey),
});

if (config.DEMO_ACCOUNTS) {
  if (!config.SERVICES_CLIENT_SECRET || !config.PARTNER_DEMO_SECRET)
    throw new Error('DEMO_ACCOUNTS=true needs SERVICES_CLIENT_SECRET and PARTNER_DEMO_SECRET');
  await seedDemoAccounts({ users, clients }, env, demoSeed({
    servicesClientSecret: config.SERVICES_CLIENT_SECRET,
    partnerClientSecret: config.PARTNER_DEMO_SECRET,
  }));
  await seedDemoDirectory(identity.repositories, env, demoDirectory());
}
await assertNoDemoAccounts({ users, clients }, env);

const checks: Record<string, () => Promise<void>> = {};
if (config.ISSUER === 'embedded') {
  const keys = new PersistentSigningKeys({ repository: storeSigningKeys(rt.store), clock });
  await keys.current();
  const oidc = createOidcRouter({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, keys, users, clients, clock, logger: rt.logger });
  const http = createServer((req, res) =>
    oidc(req, res, () => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found' }));
    }),
  );
  await new Promise<void>((resolve) => http.listen(config.HTTP_PORT, config.BIND_HOST, resolve));
  rt.lifecycle.onStop('oidc-http', () => new Promise<void>((resolve) => http.close(() => resolve())));
  checks['issuer'] = async () => void (await keys.current());
}

await serve(rt, { rpc: [identity.rpc], consumers: identity.consumers, checks });
