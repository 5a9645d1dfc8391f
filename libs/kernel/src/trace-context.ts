import { context, propagation, type Context } from '@opentelemetry/api';

/*
 * Trace context without the tracer provider: only the OpenTelemetry API, which
 * does nothing until src/main.ts starts telemetry, so pure code may carry it.
 */

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
