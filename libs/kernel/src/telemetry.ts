import { trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { resourceFromAttributes } from '@opentelemetry/resources';

export { currentTraceparent, extractTraceContext, injectTraceContext } from './trace-context.js';

let provider: NodeTracerProvider | undefined;

/**
 * Starts tracing before anything else in a process: async context, W3C trace
 * context propagation, and a tracer provider named after the service. Spans
 * are created at every REST, gRPC and event hop; trace ids land in logs and
 * in the audit trail.
 */
export function startTelemetry(serviceName: string): void {
  if (provider) return;
  provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': serviceName }) });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

export async function stopTelemetry(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

export const tracer = () => trace.getTracer('onewindow');

export async function withSpan<T>(name: string, parent: Context, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, {}, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      throw err;
    } finally {
      span.end();
    }
  });
}
