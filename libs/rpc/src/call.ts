import { Metadata, status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { bearerFrom, type Principal, type TokenVerifier } from '@onewindow/auth';
import { extractTraceContext, isDomainError, unauthenticated, withSpan, type Logger } from '@onewindow/kernel';
import { statusName, toServiceError, type RpcErrorStatus } from './error-map.js';
import type { RpcMetrics } from './metrics.js';
import type { BoundMethod } from './server.js';

export interface CallDeps {
  readonly logger: Logger;
  readonly verifier: TokenVerifier;
  readonly metrics: RpcMetrics | undefined;
  readonly audit?: RefusalAudit | undefined;
}

/** A call the server answered with PERMISSION_DENIED: a caller with a valid token was refused. */
export interface Refusal {
  /** `package.Service/Method`. */
  readonly method: string;
  readonly principal: Principal | null;
  /** The refusal's stable error code (FORBIDDEN). */
  readonly code: string;
  /** The policy's reason. */
  readonly reason: string;
  readonly traceId: string;
  /** The window the request came from, from the `onewindow-window` metadata when the caller sent it. */
  readonly window: string;
  /** `case:<id>`, `task:<id>`… when the request names one. */
  readonly resource: string;
}

/** Records a refusal (the audit trail); awaited before the caller gets its answer. */
export type RefusalAudit = (refusal: Refusal) => Promise<void>;

/** Request fields that name the resource a call acts on, most specific first. */
const RESOURCE_FIELDS = ['taskId', 'caseId', 'licenceId', 'billId', 'delegationId', 'staffId', 'applicantId', 'windowId', 'hallId', 'code'] as const;

/** Statuses that mean the server failed, not the caller (OpenTelemetry's gRPC server conventions). */
const SERVER_FAULTS = new Set<status>([
  status.UNKNOWN,
  status.DEADLINE_EXCEEDED,
  status.UNIMPLEMENTED,
  status.INTERNAL,
  status.UNAVAILABLE,
  status.DATA_LOSS,
]);
const SPAN_STATUS_ERROR = 2; // SpanStatusCode.ERROR, without a direct dependency on @opentelemetry/api

/** One unary call: trace span, token check, deadline check, handler, status, metrics, one log line. */
export async function handleCall(
  method: BoundMethod,
  call: ServerUnaryCall<unknown, unknown>,
  callback: sendUnaryData<unknown>,
  deps: CallDeps,
): Promise<void> {
  const started = performance.now();
  const parent = extractTraceContext(textEntries(call.metadata));
  await withSpan(method.fullName, parent, async (span) => {
    const [service, name] = method.fullName.split('/');
    span.setAttributes({ 'rpc.system': 'grpc', 'rpc.service': service ?? '', 'rpc.method': name ?? '' });
    let code: status = status.OK;
    let failure: unknown;
    let principal: Principal | null = null;
    try {
      const deadline = deadlineOf(call);
      principal = await authenticate(method, call.metadata, deps.verifier);
      if (call.cancelled) throw new CallEnded(status.CANCELLED, 'cancelled by the client');
      if (deadline && deadline.getTime() <= Date.now()) {
        throw new CallEnded(status.DEADLINE_EXCEEDED, 'deadline exceeded before the call was handled');
      }
      const logger = deps.logger.child({ method: method.fullName });
      const signal = callSignal(call, deadline);
      const response = await method.invoke(call.request, { principal, metadata: call.metadata, deadline, logger, signal });
      callback(null, response);
    } catch (err) {
      failure = err;
      const reply = statusFor(err);
      code = reply.code;
      if (code === status.PERMISSION_DENIED && deps.audit) {
        await auditRefusal(deps.audit, deps.logger, {
          method: method.fullName,
          principal,
          code: isDomainError(err) ? err.code : 'PERMISSION_DENIED',
          reason: reply.details,
          traceId: span.spanContext().traceId,
          window: textValue(call.metadata, 'onewindow-window'),
          resource: resourceOf(call.request),
        });
      }
      callback(reply);
    }
    const seconds = (performance.now() - started) / 1000;
    span.setAttribute('rpc.grpc.status_code', code);
    if (SERVER_FAULTS.has(code)) span.setStatus({ code: SPAN_STATUS_ERROR, message: statusName(code) });
    deps.metrics?.observe(method.fullName, statusName(code), seconds);
    logCall(deps.logger, { method: method.fullName, code, ms: Math.round(seconds * 1000), principal, failure });
  });
}

/** The call is over before the handler ran; the caller is no longer waiting for a domain answer. */
class CallEnded extends Error {
  constructor(
    readonly code: status,
    readonly details: string,
  ) {
    super(details);
  }
}

function statusFor(err: unknown): RpcErrorStatus {
  if (err instanceof CallEnded) return { code: err.code, details: err.details, metadata: new Metadata() };
  return toServiceError(err);
}

async function authenticate(method: BoundMethod, metadata: Metadata, verifier: TokenVerifier): Promise<Principal | null> {
  const header = metadata.get('authorization')[0];
  const token = bearerFrom(typeof header === 'string' ? header : undefined);
  if (token === undefined) {
    if (method.isPublic) return null;
    throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  }
  try {
    return await verifier.verify(token);
  } catch (err) {
    if (method.isPublic) return null;
    // The verifier's own verdicts (expired, wrong audience, issuer unreachable) pass through.
    if (isDomainError(err) && ['unauthenticated', 'forbidden', 'unavailable'].includes(err.kind)) throw err;
    throw unauthenticated('TOKEN_INVALID', 'the bearer token is not valid');
  }
}

/** A failing audit must not turn a refusal into another answer: it is logged, loudly. */
async function auditRefusal(audit: RefusalAudit, logger: Logger, refusal: Refusal): Promise<void> {
  try {
    await audit(refusal);
  } catch (err) {
    logger.error({ err, method: refusal.method }, 'could not audit a refusal');
  }
}

function textValue(metadata: Metadata, key: string): string {
  const value = metadata.get(key)[0];
  return typeof value === 'string' ? value.slice(0, 128) : '';
}

function resourceOf(request: unknown): string {
  if (typeof request !== 'object' || request === null) return '';
  const fields = request as Record<string, unknown>;
  for (const name of RESOURCE_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && value !== '') return `${name.replace(/Id$/, '')}:${value.slice(0, 160)}`;
  }
  return '';
}

function deadlineOf(call: ServerUnaryCall<unknown, unknown>): Date | undefined {
  const deadline = call.getDeadline();
  const ms = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

function callSignal(call: ServerUnaryCall<unknown, unknown>, deadline: Date | undefined): AbortSignal {
  const cancelled = new AbortController();
  call.once('cancelled', () => cancelled.abort(new Error('call cancelled by the client')));
  if (!deadline) return cancelled.signal;
  return AbortSignal.any([cancelled.signal, AbortSignal.timeout(Math.max(0, deadline.getTime() - Date.now()))]);
}

function textEntries(metadata: Metadata): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.getMap())) {
    if (typeof value === 'string') carrier[key] = value;
  }
  return carrier;
}

interface CallRecord {
  method: string;
  code: status;
  ms: number;
  principal: Principal | null;
  failure: unknown;
}

/** One line per call; bugs at error level with the stack, everything else at info. */
function logCall(logger: Logger, { method, code, ms, principal, failure }: CallRecord): void {
  const line = {
    method,
    status: statusName(code),
    ms,
    ...(principal ? { subject: principal.subject } : {}),
    ...(isDomainError(failure) ? { error_code: failure.code } : {}),
  };
  if (code === status.INTERNAL || code === status.UNKNOWN) logger.error({ ...line, err: failure }, 'rpc call failed');
  else logger.info(line, 'rpc call');
}
