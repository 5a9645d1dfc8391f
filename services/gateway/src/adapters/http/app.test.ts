import type { Principal } from '@onewindow/auth';
import { unauthenticated } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { serveGateway } from '../../testing/gateway.js';
import { route } from './route.js';

const token = (exp: number) => `e30.${Buffer.from(JSON.stringify({ sub: 'u-1', exp })).toString('base64url')}.sig`;

const gateway = (verify: (token: string) => Promise<Principal>) =>
  serveGateway({
    routes: [route({ method: 'get', path: '/api/v1/ping', operationId: 'ping', summary: 'ping', tag: 't', auth: 'token', status: 200, handle: async ({ principal }) => ({ subject: principal?.subject }) })],
    verifier: { verify },
  });

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
