import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenVerifier, type TokenVerifier } from '@onewindow/auth';
import { createLogger, systemClock } from '@onewindow/kernel';
import { afterAll, beforeAll } from 'vitest';
import { demoSeed, PersistentSigningKeys } from '../../app/index.js';
import { InMemoryClientRegistry, InMemorySigningKeyRepository, InMemoryUserDirectory } from '../../testing/in-memory.js';
import { createOidcRouter } from '../oidc/index.js';
import { embeddedIdentityProvider } from './embedded.js';
import { identityProviderAdminContract } from './idp-admin.contract.js';

// One embedded issuer on a real HTTP port, as the platform runs it; tokens verified by JWKS.
const users = new InMemoryUserDirectory();
const clients = new InMemoryClientRegistry();
let server: Server;
let tokenUrl: string;
let verifier: TokenVerifier;

beforeAll(async () => {
  const console = demoSeed({ servicesClientSecret: 'x'.repeat(16), partnerClientSecret: 'y'.repeat(16) }).clients.find((c) => c.client.clientId === 'onewindow-console');
  await clients.save(console!.client);
  const keys = new PersistentSigningKeys({ repository: new InMemorySigningKeyRepository(), clock: systemClock });
  let issuer = '';
  let router: ReturnType<typeof createOidcRouter> | undefined;
  server = createServer((req, res) => {
    router ??= createOidcRouter({ issuer, keys, users, clients, clock: systemClock, logger: createLogger({ service: 'identity-test', level: 'silent' }) });
    router(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/onewindow`;
  tokenUrl = `${issuer}/protocol/openid-connect/token`;
  verifier = createTokenVerifier({ issuer, audience: 'onewindow-api' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function token(form: Record<string, string>): Promise<string> {
  const answer = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = (await answer.json()) as { access_token?: string };
  if (!answer.ok || !body.access_token) throw new Error(`no token: ${answer.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

identityProviderAdminContract('embedded issuer', async () => ({
  admin: embeddedIdentityProvider({ users, clients, clock: systemClock }),
  signIn: async (username, password) => verifier.verify(await token({ grant_type: 'password', client_id: 'onewindow-console', username, password })),
  clientCredentials: async (clientId, secret) => verifier.verify(await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })),
}));
