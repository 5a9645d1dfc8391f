// Composition root of the identity service: the only place that reads the environment.
import { createServer } from 'node:http';
import { envSchemas, systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve, SERVICES } from '@onewindow/runtime';
import { z } from 'zod';
import { identityGrpc } from './adapters/grpc.js';
import { createOidcRouter } from './adapters/oidc/index.js';
import { storeClientRegistry, storeSigningKeys, storeUserDirectory } from './adapters/store/repositories.js';
import { assertNoDemoAccounts, demoSeed, PersistentSigningKeys, seedDemoAccounts } from './app/index.js';

const secret = z.string().min(16, 'at least 16 characters');
const config = parseServiceConfig('identity', process.env, {
  /** The embedded issuer's HTTP port; the gateway proxies /realms/* here. */
  HTTP_PORT: envSchemas.port(SERVICES.identity.http),
  /** embedded: this service issues tokens; external: Keycloak does, and this service only answers questions. */
  ISSUER: z.enum(['embedded', 'external']).default('embedded'),
  DEMO_ACCOUNTS: envSchemas.bool(false),
  SERVICES_CLIENT_SECRET: secret.optional(),
  PARTNER_DEMO_SECRET: secret.optional(),
});
const rt = await openRuntime(config);
const clock = systemClock;
const users = storeUserDirectory(rt.store);
const clients = storeClientRegistry(rt.store);
const env = config.ONEWINDOW_ENV;

if (config.DEMO_ACCOUNTS) {
  if (!config.SERVICES_CLIENT_SECRET || !config.PARTNER_DEMO_SECRET)
    throw new Error('DEMO_ACCOUNTS=true needs SERVICES_CLIENT_SECRET and PARTNER_DEMO_SECRET');
  await seedDemoAccounts({ users, clients }, env, demoSeed({
    servicesClientSecret: config.SERVICES_CLIENT_SECRET,
    partnerClientSecret: config.PARTNER_DEMO_SECRET,
  }));
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

await serve(rt, { rpc: [identityGrpc(() => clock.now().toISOString().slice(0, 10))], checks });
