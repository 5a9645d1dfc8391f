import { currentTraceparent, extractTraceContext, startTelemetry, stopTelemetry, withSpan } from '@onewindow/kernel';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { capturingLogger, partner, routingClient, serveRouting } from './support.js';

beforeAll(() => startTelemetry('rpc-tracing-test'));
afterAll(() => stopTelemetry());

/** traceparent = version-traceid-spanid-flags */
const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
const spanIdOf = (traceparent: string | undefined) => traceparent?.split('-')[2];

it("runs the handler in a server span that continues the client's trace", async () => {
  const { logger, lines } = capturingLogger();
  let serverTraceparent: string | undefined;
  const server = await serveRouting(
    async (_request, ctx) => {
      serverTraceparent = currentTraceparent();
      ctx.logger.info('inside the handler');
      return { partners: [partner('p-sh')] };
    },
    { isPublic: true, logger },
  );
  const client = routingClient(server.port);

  const root = extractTraceContext({}); // no incoming traceparent: a new trace starts here
  const clientTraceparent = await withSpan('gateway GET /partners', root, async () => {
    await client.call('listPartners', {});
    return currentTraceparent();
  });

  expect(traceIdOf(clientTraceparent)).toMatch(/^[0-9a-f]{32}$/);
  expect(traceIdOf(serverTraceparent)).toBe(traceIdOf(clientTraceparent));
  expect(spanIdOf(serverTraceparent)).not.toBe(spanIdOf(clientTraceparent));
  const handlerLine = lines.find((l) => l['msg'] === 'inside the handler');
  expect(handlerLine?.['trace_id']).toBe(traceIdOf(clientTraceparent));
  expect(lines.find((l) => l['msg'] === 'rpc call')?.['trace_id']).toBe(traceIdOf(clientTraceparent));
});

it('starts a fresh trace on the server when the caller sends none', async () => {
  let serverTraceparent: string | undefined;
  const server = await serveRouting(async () => {
    serverTraceparent = currentTraceparent();
    return { partners: [] };
  }, { isPublic: true });
  await routingClient(server.port).call('listPartners', {});
  expect(traceIdOf(serverTraceparent)).toMatch(/^[0-9a-f]{32}$/);
});
