// The gateway's HTTP app on a free port, as the route and app tests need it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '@onewindow/auth';
import { createLogger, ManualClock, unauthenticated, type DomainError } from '@onewindow/kernel';
import { afterEach } from 'vitest';
import type { Upstreams } from '../app/upstreams.js';
import { createGatewayApp, type GatewayDeps } from '../adapters/http/app.js';

export const applicant: Principal = { subject: 'u-applicant', username: 'applicant-demo', roles: ['applicant'], clientId: 'onewindow-console', token: 'token-applicant' };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/**
 * Serves the app with the given routes (and any dependency overridden) on
 * 127.0.0.1, closed after the test; by default only `applicant`'s token is
 * valid. Returns the base URL.
 */
export async function serveGateway(deps: Pick<GatewayDeps, 'routes'> & Partial<GatewayDeps>): Promise<string> {
  const app = createGatewayApp({
    verifier: {
      verify: async (token) => {
        if (token !== applicant.token) throw unauthenticated('TOKEN_INVALID', 'unknown token');
        return applicant;
      },
    },
    idempotency: { begin: async () => null, finish: async () => undefined },
    clock: new ManualClock('2026-01-05T02:00:00Z'),
    logger: createLogger({ service: 'gateway-test', level: 'silent' }),
    publicUrl: 'http://127.0.0.1',
    realmUpstream: undefined,
    readiness: {},
    rateLimit: { perSecond: 1000, burst: 1000 },
    bodyLimit: '256kb',
    ...deps,
  });
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface Call {
  method: string;
  request: Record<string, unknown>;
}

/** One upstream that records what it is asked and answers with canned replies, or the error set for a method. */
export function recordingUpstream(name: keyof Upstreams, calls: Call[], replies: Record<string, unknown>, errors: Record<string, DomainError> = {}): Upstreams {
  const upstream = {
    call: async (method: string, request: Record<string, unknown>) => {
      calls.push({ method, request });
      const error = errors[method];
      if (error) throw error;
      return replies[method];
    },
  };
  return { [name]: upstream } as unknown as Upstreams;
}
