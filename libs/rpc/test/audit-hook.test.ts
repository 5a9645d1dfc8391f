import { credentials, Metadata } from '@grpc/grpc-js';
import { routingV1 } from '@onewindow/contracts';
import { forbidden, notFound } from '@onewindow/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { bindService, startRpcServer, type Refusal, type RpcServer } from '../src/index.js';
import { capturingLogger, CLERK_TOKEN, fakeVerifier, rejectionOf, routingClient, type ListPartners } from './support.js';

const servers: RpcServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close(100)));
});

async function serve(listPartners: ListPartners, audit: (r: Refusal) => Promise<void>, logger = capturingLogger().logger) {
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    verifier: fakeVerifier,
    audit,
    services: [bindService(routingV1.RoutingServiceService, { listPartners })],
  });
  servers.push(server);
  return server;
}

describe('the refusal audit hook', () => {
  it('records every PERMISSION_DENIED with who, what, the reason and the trace, before the caller hears it', async () => {
    const refusals: Refusal[] = [];
    let recordedBeforeAnswer = false;
    const server = await serve(
      async () => {
        throw forbidden('FORBIDDEN', 'clerk: case is not at their hall');
      },
      async (r) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        refusals.push(r);
      },
    );
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }).finally(() => {
      recordedBeforeAnswer = refusals.length === 1;
    }));
    expect(err).toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
    expect(recordedBeforeAnswer).toBe(true);
    expect(refusals).toEqual([
      {
        method: 'onewindow.routing.v1.RoutingService/ListPartners',
        principal: expect.objectContaining({ subject: 'u-clerk-wang', orgUnit: '110105' }),
        code: 'FORBIDDEN',
        reason: 'clerk: case is not at their hall',
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
        window: '',
        resource: '',
      },
    ]);
  });

  it('takes the window from the onewindow-window metadata', async () => {
    const refusals: Refusal[] = [];
    const server = await serve(async () => {
      throw forbidden('FORBIDDEN', 'no');
    }, async (r) => void refusals.push(r));
    const raw = new routingV1.RoutingServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${CLERK_TOKEN}`);
    metadata.set('onewindow-window', 'hall-510100-01-w02');
    await new Promise<void>((resolve) => raw.listPartners({}, metadata, () => resolve()));
    raw.close();
    expect(refusals[0]?.window).toBe('hall-510100-01-w02');
  });

  it('records nothing for other failures and successes', async () => {
    const refusals: Refusal[] = [];
    const missing = await serve(async () => {
      throw notFound('PARTNER_NOT_FOUND', 'none');
    }, async (r) => void refusals.push(r));
    await rejectionOf(routingClient(missing.port).call('listPartners', {}, { token: CLERK_TOKEN }));
    await rejectionOf(routingClient(missing.port).call('listPartners', {}, { token: 'not-a-token' }));
    expect(refusals).toEqual([]);
  });

  it('still refuses, and logs an error, when the audit itself fails', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serve(
      async () => {
        throw forbidden('FORBIDDEN', 'no');
      },
      async () => {
        throw new Error('audit store down');
      },
      logger,
    );
    expect(await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }))).toMatchObject({ kind: 'forbidden' });
    expect(lines.some((l) => l['msg'] === 'could not audit a refusal' && l['level'] === 50)).toBe(true);
  });
});
