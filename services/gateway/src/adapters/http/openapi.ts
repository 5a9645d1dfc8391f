import { z } from 'zod';
import type { Route } from './route.js';

const problem = {
  description: 'Problem details (RFC 9457) with a stable `code`',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The OpenAPI 3.1 document, built from the same route table the gateway serves. */
export function openApiDocument(routes: readonly Route[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParams = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = Object.entries(r.query ?? {}).map(([name, q]) => ({
      name,
      in: 'query',
      required: q.required ?? false,
      description: q.description,
      schema: { type: 'string' },
    }));
    const headerParams = r.idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', required: false, description: 'Replays return the first response', schema: { type: 'string', minLength: 8, maxLength: 128 } }]
      : [];
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === 'public' ? { security: [] } : {}),
      parameters: [...pathParams, ...queryParams, ...headerParams],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } } } } : {}),
      ...(r.rawBody
        ? {
            requestBody: {
              required: true,
              description: `The file itself, at most ${r.rawBody.limitBytes} bytes; its content must match its type`,
              content: Object.fromEntries(r.rawBody.types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
            },
          }
        : {}),
      responses: {
        [r.status]: r.binary
          ? { description: 'OK', content: { [r.binary.contentType]: { schema: { type: 'string', format: 'binary' } } } }
          : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        '400': problem,
        ...(r.rawBody ? { '413': problem } : {}),
        ...(r.auth === 'token' ? { '401': problem, '403': problem } : {}),
        '404': problem,
        '409': problem,
        '429': problem,
        '503': problem,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneWindow API',
      version: '1.0.0',
      description:
        'One application, at one window or online, routed through every agency that must act, until one signed e-licence comes out. ' +
        'Responses carry every field of the service’s message: a field not set reads as "" (text and timestamps), 0 or [], ' +
        'e.g. `verifiedAt` of a contact not yet verified.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from the realm: POST /realms/onewindow/protocol/openid-connect/token' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            code: { type: 'string' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            traceId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
