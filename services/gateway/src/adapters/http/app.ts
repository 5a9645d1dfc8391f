import { bearerFrom, type Principal, type TokenVerifier } from '@onewindow/auth';
import {
  DomainError,
  extractTraceContext,
  invalid,
  runChecks,
  unauthenticated,
  withSpan,
  type Clock,
  type Logger,
  type ReadinessCheck,
} from '@onewindow/kernel';
import { cachingVerifier } from '@onewindow/rpc';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { IdempotencyStore } from '../../app/ports.js';
import { fingerprint, recordId, replayOf } from '../../domain/idempotency.js';
import { take, type Bucket } from '../../domain/token-bucket.js';
import { openApiDocument } from './openapi.js';
import { toProblem } from './problem.js';
import type { BinaryReply, Route } from './route.js';

export interface GatewayDeps {
  routes: readonly Route[];
  verifier: TokenVerifier;
  idempotency: IdempotencyStore;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  /** Base URL of the identity service's HTTP server, which hosts the embedded issuer. */
  realmUpstream: string | undefined;
  /** Every check must pass for GET /healthz to answer 200. */
  readiness: Record<string, ReadinessCheck>;
  rateLimit: { perSecond: number; burst: number };
  bodyLimit: string;
}

const sendProblem = (res: Response, err: unknown, instance: string, traceId?: string) => {
  const problem = toProblem(err, instance, traceId);
  if (problem.status === 429 && err instanceof DomainError) res.setHeader('retry-after', err.details[0]?.message ?? '1');
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
};

export function createGatewayApp(deps: GatewayDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const buckets = new Map<string, Bucket>();
  const openapi = openApiDocument(deps.routes, deps.publicUrl);
  // Clients send the same access token request after request: its signature is checked once per 30 s, never past its exp.
  const verifier = cachingVerifier(deps.verifier);

  app.get('/healthz', async (_req, res) => {
    const result = await runChecks(deps.readiness, 3000);
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ok' : 'unavailable', ...result });
  });
  app.get('/openapi.json', (_req, res) => res.json(openapi));

  if (deps.realmUpstream) app.use('/realms', express.raw({ type: () => true, limit: '64kb' }), realmProxy(deps.realmUpstream));

  app.use('/api', express.json({ limit: deps.bodyLimit, strict: true }));

  for (const r of deps.routes) {
    app[r.method](r.path, ...rawBodyParser(r), async (req: Request, res: Response) => {
      const parent = extractTraceContext(req.headers as Record<string, string | undefined>);
      await withSpan(`${r.method.toUpperCase()} ${r.path}`, parent, async (span) => {
        const traceId = span.spanContext().traceId;
        try {
          const token = bearerFrom(req.get('authorization'));
          const principal = await authenticate(verifier, token, r.auth);
          limit(buckets, principal?.subject ?? req.ip ?? 'anonymous', deps);
          const body = parseBody(r, req.body);
          const raw = rawBodyOf(r, req);
          const idempotencyKey = req.get('idempotency-key');
          const run = () =>
            r.handle({
              params: req.params as Record<string, string>,
              query: stringQuery(req.query),
              body,
              principal,
              token,
              idempotencyKey,
              ...(raw ? { raw } : {}),
            });
          const { status, payload } =
            r.idempotent && idempotencyKey && principal
              ? await idempotent(deps, recordId(principal.subject, r.method, req.path, idempotencyKey), body, r.status, run)
              : { status: r.status, payload: await run() };
          if (r.binary) sendBinary(res, status, payload as BinaryReply);
          else res.status(status).json(payload);
        } catch (err) {
          if (!(err instanceof DomainError) || err.kind === 'internal' || err.kind === 'unavailable')
            deps.logger.error({ err, route: r.operationId, trace_id: traceId }, 'request failed');
          sendProblem(res, err, req.originalUrl, traceId);
        }
      });
    });
  }

  app.use('/api', (req, res) => sendProblem(res, new DomainError('not_found', 'ROUTE_NOT_FOUND', `no route ${req.method} ${req.path}`), req.originalUrl));
  // Malformed JSON and oversized bodies arrive here from express.json.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status === 413) return sendProblem(res, new DomainError('too_large', 'BODY_TOO_LARGE', `request body over ${deps.bodyLimit}`), req.originalUrl);
    if (status === 400) return sendProblem(res, invalid('BODY_MALFORMED', 'request body is not valid JSON'), req.originalUrl);
    deps.logger.error({ err }, 'unhandled error');
    sendProblem(res, err, req.originalUrl);
  });
  return app;
}

/** A route taking bytes gets its own parser, its own limit, and its own 413 (FILE_TOO_LARGE). */
function rawBodyParser(r: Route) {
  if (!r.rawBody) return [];
  const { types, limitBytes } = r.rawBody;
  const parse = express.raw({ type: [...types], limit: limitBytes });
  return [
    (req: Request, res: Response, next: NextFunction) =>
      parse(req, res, (err?: unknown) => {
        if (!err) return next();
        const status = (err as { status?: number }).status;
        const problem =
          status === 413
            ? new DomainError('too_large', 'FILE_TOO_LARGE', `the file is larger than ${limitBytes} bytes`, [{ field: 'body', message: `at most ${limitBytes} bytes` }])
            : invalid('BODY_MALFORMED', 'the request body could not be read');
        sendProblem(res, problem, req.originalUrl);
      }),
  ];
}

function rawBodyOf(r: Route, req: Request): { content: Buffer; contentType: string } | undefined {
  if (!r.rawBody) return undefined;
  if (!Buffer.isBuffer(req.body)) {
    throw invalid('MEDIA_TYPE_UNSUPPORTED', `send the file as one of ${r.rawBody.types.join(', ')}`, [
      { field: 'content-type', message: `one of ${r.rawBody.types.join(', ')}` },
    ]);
  }
  return { content: req.body, contentType: req.get('content-type') ?? '' };
}

function sendBinary(res: Response, status: number, reply: BinaryReply) {
  const ascii = reply.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  res
    .status(status)
    .type(reply.contentType)
    .setHeader('content-disposition', `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(reply.filename)}`)
    .send(Buffer.from(reply.content));
}

async function authenticate(verifier: TokenVerifier, token: string | undefined, auth: Route['auth']): Promise<Principal | undefined> {
  if (!token) {
    if (auth === 'public') return undefined;
    throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  }
  // A public route ignores a bad token rather than failing a request that needs none.
  if (auth === 'public') return verifier.verify(token).catch(() => undefined);
  return verifier.verify(token);
}

function limit(buckets: Map<string, Bucket>, who: string, deps: GatewayDeps) {
  const result = take(buckets.get(who), deps.clock.now().getTime(), deps.rateLimit.perSecond, deps.rateLimit.burst);
  buckets.set(who, result.bucket);
  if (!result.allowed)
    throw new DomainError('rate_limited', 'RATE_LIMITED', 'too many requests', [{ message: String(result.retryAfterSec) }]);
}

function parseBody(r: Route, raw: unknown): unknown {
  if (!r.body) return undefined;
  const parsed = r.body.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw invalid(
    'REQUEST_INVALID',
    'the request body is not valid',
    parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
  );
}

function stringQuery(query: Request['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    // Arrays and objects (?a[$gt]=) are never passed on.
    if (typeof v === 'string') out[k] = v.slice(0, 200);
  }
  return out;
}

async function idempotent(deps: GatewayDeps, id: string, body: unknown, status: number, run: () => Promise<unknown>) {
  const fp = fingerprint(body);
  const existing = await deps.idempotency.begin(id, fp, deps.clock.now());
  if (existing) {
    const replay = replayOf(existing, fp);
    return { status: replay.status, payload: replay.body };
  }
  try {
    const payload = await run();
    await deps.idempotency.finish(id, { state: 'DONE', status, body: payload });
    return { status, payload };
  } catch (err) {
    const problem = toProblem(err, '');
    // Client errors are final and replayed; server errors may be retried with the same key.
    await deps.idempotency.finish(id, { state: problem.status >= 500 ? 'FAILED' : 'DONE', status: problem.status, body: problem });
    throw err;
  }
}

/** Forwards the realm's OIDC endpoints to the embedded issuer, unchanged. */
function realmProxy(upstream: string) {
  return async (req: Request, res: Response) => {
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'authorization', 'accept']) {
      const v = req.get(h);
      if (v) headers[h] = v;
    }
    try {
      const answer = await fetch(new URL(`/realms${req.url}`, upstream), {
        method: req.method,
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body as Buffer }),
        // The login page answers with a redirect to the client: the browser must follow it, not the gateway.
        redirect: 'manual',
        signal: AbortSignal.timeout(5000),
      });
      res.status(answer.status);
      for (const h of ['content-type', 'location', 'content-security-policy', 'cache-control', 'referrer-policy', 'x-frame-options']) {
        const v = answer.headers.get(h);
        if (v) res.set(h, v);
      }
      res.send(Buffer.from(await answer.arrayBuffer()));
    } catch {
      sendProblem(res, new DomainError('unavailable', 'IDENTITY_UNAVAILABLE', 'the identity provider is not reachable'), req.originalUrl);
    }
  };
}
