import { trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Identity numbers and secrets never reach a log line in clear. */
const REDACT = [
  'password',
  'client_secret',
  'authorization',
  'token',
  'access_token',
  'refresh_token',
  '*.password',
  '*.authorization',
  '*.token',
  '*.residentId',
  '*.uscc',
  '*.idNumber',
];

export interface LoggerOptions {
  service: string;
  level: string;
  destination?: pino.DestinationStream;
}

/** Structured JSON logs carrying the active trace and span ids. */
export function createLogger({ service, level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const span = trace.getActiveSpan();
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { trace_id: traceId, span_id: spanId };
      },
    },
    destination,
  );
}
