import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '@onewindow/auth';
import { createLogger, ManualClock, unauthenticated } from '@onewindow/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayApp } from './app.js';
import { route } from './route.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const token = (exp: number) => `e30.${Buffer.from(JSON.stringify({ sub: 'u-1', exp })).toString('base64url')}.sig`;

async function gateway(verify: (token: string) => Promise<Principal>): Promise<string> {
  const app = createGatewayApp({
    routes: [route({ method: 'get', path: '/api/v1/ping', operationId: 'ping', summary: 'ping', tag: 't', auth: 'token', status: 200, handle: async ({ principal }) => ({ subject: principal?.subject }) })],
    verifier: { verify },
    idempotency: { begin: async () => null, finish: async () => undefined },
    clock: new ManualClock('2026-01-05T02:00:00Z'),
    logger: createLogger({ service: 'gateway-test', level: 'silent' }),
    publicUrl: 'http://127.0.0.1',
    realmUpstream: undefined,
    readiness: {},
    rateLimit: { perSecond: 1000, burst: 1000 },
    bodyLimit: '256kb',
  });
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the gateway HTTP app', () => {
  it('checks an access token once for a run of requests, and refuses a bad one every time', async () => {
    const good = token(Math.floor(Date.now() / 1000) + 300);
    const checked: string[] = [];
    const url = await gateway(async (t) => {
      checked.push(t);
      if (t !== good) throw unauthenticated('TOKEN_INVALID', 'bad signature');
      return { subject: 'u-1', username: 'u', roles: ['applicant'], clientId: 'c', token: t };
    });

    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${url}/api/v1/ping`, { headers: { authorization: `Bearer ${good}` } });
      expect(await answer.json()).toEqual({ subject: 'u-1' });
    }
    for (let i = 0; i < 2; i++) expect((await fetch(`${url}/api/v1/ping`, { headers: { authorization: 'Bearer forged.token.x' } })).status).toBe(401);

    expect(checked).toEqual([good, 'forged.token.x', 'forged.token.x']);
  });
});
