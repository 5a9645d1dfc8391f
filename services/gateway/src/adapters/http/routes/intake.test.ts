import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Principal } from '@onewindow/auth';
import { createLogger, ManualClock, unauthenticated } from '@onewindow/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import type { Upstreams } from '../../../app/upstreams.js';
import { createGatewayApp } from '../app.js';
import { intakeRoutes } from './intake.js';

const applicant: Principal = { subject: 'u-applicant', username: 'applicant-demo', roles: ['applicant'], clientId: 'onewindow-console', token: 'token-applicant' };

interface Call {
  method: string;
  request: Record<string, unknown>;
}

/** An intake upstream that records what it is asked and answers with canned replies. */
function fakeIntake(calls: Call[]) {
  const replies: Record<string, unknown> = {
    uploadFile: { file: { id: 'file-1', contentType: 'application/pdf' } },
    getCaseDocument: { content: Buffer.from('%PDF-1.7 receipt'), contentType: 'application/pdf', filename: 'OW-1-受理回执.pdf', title: '受理回执' },
    submitCase: { case: { id: 'case-1', status: 'SUBMITTED' } },
  };
  const intake = {
    call: async (method: string, request: Record<string, unknown>) => {
      calls.push({ method, request });
      return replies[method];
    },
  };
  return { intake } as unknown as Upstreams;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function gateway(calls: Call[]): Promise<string> {
  const app = createGatewayApp({
    routes: intakeRoutes(fakeIntake(calls), { uploadLimitBytes: 1024 }),
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
  });
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const auth = { authorization: `Bearer ${applicant.token}` };

describe('intake routes in the gateway', () => {
  it('passes an upload to intake as bytes with its declared type and name', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const answer = await fetch(`${url}/api/v1/files?filename=scan.pdf`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7 x') });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: 'file-1', contentType: 'application/pdf' });
    expect(calls).toEqual([{ method: 'uploadFile', request: { content: Buffer.from('%PDF-1.7 x'), declaredContentType: 'application/pdf', filename: 'scan.pdf' } }]);
  });

  it('refuses a body over the upload limit with 413 FILE_TOO_LARGE, and a body of another type, before asking intake', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const large = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: Buffer.alloc(2048) });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    const json = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"$gt":""}' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'MEDIA_TYPE_UNSUPPORTED' });
    expect(calls).toEqual([]);
  });

  it('serves a case document as PDF bytes with a download name', async () => {
    const url = await gateway([]);
    const answer = await fetch(`${url}/api/v1/cases/case-1/documents/doc-1`, { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe(`inline; filename="OW-1-____.pdf"; filename*=UTF-8''${encodeURIComponent('OW-1-受理回执.pdf')}`);
    expect(Buffer.from(await answer.arrayBuffer()).toString()).toBe('%PDF-1.7 receipt');
  });

  it('refuses operator injection and unknown fields in a submission without asking intake', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    for (const body of [{ itemCode: { $gt: '' } }, { itemCode: 'SCJG-DJ-001', materials: [{ code: 'M01', fileId: { $ne: null } }] }, { itemCode: 'SCJG-DJ-001', $where: '1' }]) {
      const answer = await fetch(`${url}/api/v1/cases`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    }
    expect(calls).toEqual([]);
  });
});
