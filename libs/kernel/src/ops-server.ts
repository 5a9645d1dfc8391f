import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

export type ReadinessCheck = () => Promise<void>;

export interface OpsServerOptions {
  host: string;
  port: number;
  service: string;
  registry: Registry;
  /** Each named check must resolve for /readyz to answer 200. */
  checks: Record<string, ReadinessCheck>;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Runs every readiness check with a time limit; names the ones that failed. */
export async function runChecks(checks: Record<string, ReadinessCheck>, timeoutMs = 2000) {
  const results = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs).unref()),
        ]);
        return [name, 'ok'] as const;
      } catch (err) {
        return [name, err instanceof Error ? err.message : String(err)] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

/**
 * Health (the process is alive), readiness (it can do its work) and
 * Prometheus metrics, on a port of their own so probes and scrapes never
 * queue behind business traffic.
 */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (path === '/healthz') return send(200, { status: 'ok', service: opts.service });
    if (path === '/readyz') {
      void runChecks(opts.checks).then((r) => send(r.ready ? 200 : 503, { service: opts.service, ...r }));
      return;
    }
    if (path === '/metrics') {
      void opts.registry.metrics().then((m) => send(200, m, opts.registry.contentType));
      return;
    }
    send(404, { status: 404, title: 'Not Found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
