import { z } from 'zod';
import { invalid } from '@onewindow/kernel/errors';

/**
 * CloudEvents 1.0-shaped envelope for every fact the platform tells.
 * `type` names the event and its schema version, e.g.
 * `onewindow.intake.case.accepted.v1`; `subject` is the case id (or the
 * aggregate id) and is also the partition key.
 */
export interface EventEnvelope<D = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly traceparent?: string;
  readonly data: D;
}

const envelopeSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  traceparent: z.string().min(1).optional(),
  data: z.unknown().refine((data) => data !== undefined, 'data is required'),
});

/** Parses a serialised envelope; throws `invalid('EVENT_MALFORMED')` on bad JSON or a wrong shape. */
export function parseEnvelope(json: string): EventEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw invalid('EVENT_MALFORMED', `not JSON: ${(err as Error).message}`);
  }
  const result = envelopeSchema.safeParse(raw);
  if (!result.success) {
    throw invalid(
      'EVENT_MALFORMED',
      'not a CloudEvents envelope',
      result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
    );
  }
  const { traceparent, ...rest } = result.data;
  return { ...rest, ...(traceparent ? { traceparent } : {}) };
}
