import {
  Server,
  ServerCredentials,
  type Metadata,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Principal, TokenVerifier } from '@onewindow/auth';
import { unauthenticated, type Logger } from '@onewindow/kernel';
import { handleCall, type CallDeps, type RefusalAudit } from './call.js';
import { cachingVerifier } from './token-cache.js';
import type { RpcMetrics } from './metrics.js';
import type { RequestOf, ResponseOf, UnaryMethodNames } from './types.js';

export interface CallContext {
  /** Null only on a public method called without a valid token. */
  readonly principal: Principal | null;
  readonly metadata: Metadata;
  readonly deadline: Date | undefined;
  /** A child logger carrying the method; its lines carry the call's trace id. */
  readonly logger: Logger;
  /** Aborted when the caller cancels or the deadline passes: hand it to slow I/O. */
  readonly signal: AbortSignal;
}

export type Handler<Req, Res> = (request: Req, ctx: CallContext) => Promise<Res>;

/**
 * The verified caller of a method that is not public. The server has already
 * refused such a call without a valid token; this narrows the type and
 * refuses again should a method be made public by mistake.
 */
export function callerOf(ctx: CallContext): Principal {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
}

export type ServiceHandlers<S> = {
  [K in UnaryMethodNames<S>]: Handler<RequestOf<S, K>, ResponseOf<S, K>>;
};

export interface BindOptions<S> {
  /** Methods callable without a token; they still see the principal when a valid one is sent. */
  public?: readonly UnaryMethodNames<S>[];
}

export interface BoundMethod {
  readonly name: string;
  /** `package.Service/Method`: the span name and the metrics label. */
  readonly fullName: string;
  readonly isPublic: boolean;
  invoke(request: unknown, ctx: CallContext): Promise<unknown>;
}

export interface ServiceBinding {
  readonly definition: ServiceDefinition;
  readonly methods: readonly BoundMethod[];
}

/** Pairs a generated service definition with one handler per unary method. */
export function bindService<S extends ServiceDefinition>(
  definition: S,
  handlers: ServiceHandlers<S>,
  options: BindOptions<S> = {},
): ServiceBinding {
  const publicMethods = new Set<string>(options.public ?? []);
  const unknown = [...publicMethods].filter((name) => !(name in definition));
  if (unknown.length > 0) throw new Error(`unknown public methods: ${unknown.join(', ')}`);
  const methods: BoundMethod[] = [];
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) continue; // streaming is not supported yet
    const handler = handlers[name as UnaryMethodNames<S>];
    if (typeof handler !== 'function') throw new Error(`no handler for ${method.path}`);
    methods.push({
      name,
      fullName: method.path.replace(/^\//, ''),
      isPublic: publicMethods.has(name),
      invoke: (request, ctx) => handler(request as RequestOf<S, UnaryMethodNames<S>>, ctx),
    });
  }
  return { definition, methods };
}

export interface RpcServerOptions {
  host: string;
  /** 0 picks a free port; the bound one is returned. */
  port: number;
  logger: Logger;
  verifier: TokenVerifier;
  services: readonly ServiceBinding[];
  /** Largest message received or sent; 4 MiB unless set. */
  maxMessageBytes?: number;
  /** Insecure unless set (TLS or mTLS credentials go here). */
  credentials?: ServerCredentials;
  metrics?: RpcMetrics;
  /** How long a verified bearer token is trusted before its signature is checked again (never past its exp); 0 checks every call. 30 s. */
  verifiedTokenCacheMs?: number;
  /** Called for every PERMISSION_DENIED answer, before it is sent (the audit trail of refusals). */
  audit?: RefusalAudit;
}

export interface RpcServer {
  readonly port: number;
  /** Stops taking calls, lets in-flight ones finish for up to graceMs, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
const DEFAULT_GRACE_MS = 10_000;

export async function startRpcServer(options: RpcServerOptions): Promise<RpcServer> {
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const server = new Server({
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_send_message_length': maxBytes,
  });
  const deps: CallDeps = {
    logger: options.logger.child({ component: 'rpc-server' }),
    verifier: cachingVerifier(options.verifier, { maxAgeMs: options.verifiedTokenCacheMs ?? 30_000 }),
    metrics: options.metrics,
    audit: options.audit,
  };
  for (const binding of options.services) {
    const implementation: UntypedServiceImplementation = {};
    for (const method of binding.methods) {
      implementation[method.name] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
        handleCall(method, call, callback, deps).catch((err: unknown) =>
          deps.logger.error({ err, method: method.fullName }, 'rpc call pipeline failed'),
        );
      };
    }
    server.addService(binding.definition, implementation);
  }
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${hostForAddress(options.host)}:${options.port}`,
      options.credentials ?? ServerCredentials.createInsecure(),
      (err, bound) => (err ? reject(err) : resolve(bound)),
    );
  });
  let closing: Promise<void> | undefined;
  return {
    port,
    close(graceMs = DEFAULT_GRACE_MS) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return closing;
    },
  };
}

function hostForAddress(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
