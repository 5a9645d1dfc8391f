import { Counter, Histogram, type Registry } from 'prom-client';

/** Where the server reports each finished call; `code` is the gRPC status name (OK, NOT_FOUND, ...). */
export interface RpcMetrics {
  observe(method: string, code: string, seconds: number): void;
}

const HANDLED = 'grpc_server_handled_total';
const HANDLING = 'grpc_server_handling_seconds';

/** Prometheus counters for the ops server's /metrics; safe to call twice on one registry. */
export function prometheusRpcMetrics(registry: Registry): RpcMetrics {
  const handled =
    (registry.getSingleMetric(HANDLED) as Counter<'method' | 'code'> | undefined) ??
    new Counter({
      name: HANDLED,
      help: 'gRPC calls completed on the server, by method and status code.',
      labelNames: ['method', 'code'] as const,
      registers: [registry],
    });
  const handling =
    (registry.getSingleMetric(HANDLING) as Histogram<'method'> | undefined) ??
    new Histogram({
      name: HANDLING,
      help: 'Time the server took to handle a gRPC call, in seconds.',
      labelNames: ['method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  return {
    observe(method, code, seconds) {
      handled.inc({ method, code });
      handling.observe({ method }, seconds);
    },
  };
}
