import { context, propagation, trace, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { resourceFromAttributes } from '@opentelemetry/resources';

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

/** Carries trace context into a string map (gRPC metadata, message headers). */
export function injectTraceContext(carrier: Record<string, string>, ctx: Context = context.active()): void {
  propagation.inject(ctx, carrier);
}

export function extractTraceContext(carrier: Record<string, string | undefined>): Context {
  return propagation.extract(context.active(), carrier, {
    keys: (c) => Object.keys(c),
    get: (c, k) => c[k] ?? undefined,
  });
}

/** The current traceparent header value, if a span is active. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  injectTraceContext(carrier);
  return carrier['traceparent'];
}

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
