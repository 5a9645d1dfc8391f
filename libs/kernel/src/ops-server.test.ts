import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsRegistry, startOpsServer, type OpsServer } from './ops-server.js';

let server: OpsServer | undefined;
afterEach(async () => server?.close());

describe('ops server', () => {
  it('answers health always, readiness only when every check passes, and metrics', async () => {
    let storeUp = false;
    server = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      service: 'svc',
      registry: createMetricsRegistry('svc'),
      checks: {
        store: async () => {
          if (!storeUp) throw new Error('store down');
        },
        bus: async () => {},
      },
    });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ ready: false, checks: { store: 'store down', bus: 'ok' } });
    storeUp = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('process_cpu_user_seconds_total{service="svc"}');
  });
});
