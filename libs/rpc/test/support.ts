import { routingV1 } from '@onewindow/contracts';
import type { Principal, TokenVerifier } from '@onewindow/auth';
import { createLogger, unauthenticated, type Logger } from '@onewindow/kernel';
import { afterEach } from 'vitest';
import {
  bindService,
  createRpcClient,
  startRpcServer,
  type Handler,
  type RpcClient,
  type RpcMetrics,
  type RpcServer,
} from '../src/index.js';

export type ListPartners = Handler<routingV1.ListPartnersRequest, routingV1.ListPartnersResponse>;
export type RoutingClient = RpcClient<typeof routingV1.RoutingServiceService>;

export const CLERK_TOKEN = 'token-of-clerk-wang';

export function principalFixture(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: 'u-clerk-wang',
    username: 'wang.fang',
    roles: ['clerk'],
    orgUnit: '110105',
    clientId: 'onewindow-console',
    token: CLERK_TOKEN,
    ...overrides,
  };
}

/** Knows one token; every other is rejected the way the real verifier rejects. */
export const fakeVerifier: TokenVerifier = {
  async verify(token) {
    if (token === CLERK_TOKEN) return principalFixture();
    throw unauthenticated('TOKEN_INVALID', 'signature does not verify');
  },
};

export const partner = (id: string): routingV1.Partner => ({
  id,
  name: '上海市一网通办',
  divisionCode: '310000',
  endpoint: 'partner.sh.example:443',
  status: 'ACTIVE',
});

/** A logger whose JSON lines land in `lines`. */
export function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'rpc-test',
    level: 'debug',
    destination: { write: (msg: string) => void lines.push(JSON.parse(msg) as Record<string, unknown>) },
  });
  return { logger, lines };
}

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

export interface ServeOptions {
  isPublic?: boolean;
  verifier?: TokenVerifier;
  metrics?: RpcMetrics;
  logger?: Logger;
}

/** A real grpc-js server on 127.0.0.1 serving RoutingService with `listPartners`, closed after the test. */
export async function serveRouting(listPartners: ListPartners, options: ServeOptions = {}): Promise<RpcServer> {
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: options.logger ?? capturingLogger().logger,
    verifier: options.verifier ?? fakeVerifier,
    metrics: options.metrics,
    services: [
      bindService(routingV1.RoutingServiceService, { listPartners }, { public: options.isPublic ? ['listPartners'] : [] }),
    ],
  });
  opened.push({ close: () => server.close(100) });
  return server;
}

export function routingClient(port: number, deadlineMs?: number): RoutingClient {
  const client = createRpcClient(routingV1.RoutingServiceClient, `127.0.0.1:${port}`, { deadlineMs });
  opened.push(client);
  return client;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, it succeeded');
}
