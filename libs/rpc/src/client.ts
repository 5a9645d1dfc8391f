import {
  ChannelCredentials,
  Metadata,
  type Client,
  type ClientOptions,
  type MethodDefinition,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { injectTraceContext, unavailable, type Logger } from '@onewindow/kernel';
import { fromServiceError, statusName } from './error-map.js';
import type { RequestOf, ResponseOf, UnaryMethodNames } from './types.js';

/** The shape of a ts-proto generated client class, e.g. routingV1.RoutingServiceClient. */
export interface GeneratedClientConstructor<S> {
  new (address: string, credentials: ChannelCredentials, options?: Partial<ClientOptions>): Client;
  readonly service: S;
}

export interface RpcClientOptions {
  /** Deadline of every call unless the call sets its own; 5 s. */
  deadlineMs?: number;
  logger?: Logger;
  /** Insecure unless set. */
  credentials?: ChannelCredentials;
  maxMessageBytes?: number;
}

export interface RpcCallOptions {
  /** Sent as `authorization: Bearer <token>`; forward `ctx.principal.token` when acting for the caller. */
  token?: string;
  deadlineMs?: number;
  /** An absolute deadline to respect as well, e.g. the inbound call's `ctx.deadline`: the earlier one wins. */
  deadline?: Date;
}

export interface RpcClient<S> {
  /** One unary call; failures reject with the DomainError the server raised (or UPSTREAM_TIMEOUT / UPSTREAM_UNAVAILABLE). */
  call<K extends UnaryMethodNames<S>>(method: K, request: RequestOf<S, K>, options?: RpcCallOptions): Promise<ResponseOf<S, K>>;
  /** Resolves once the channel is connected; rejects with UPSTREAM_UNAVAILABLE after timeoutMs. */
  waitForReady(timeoutMs?: number): Promise<void>;
  close(): void;
}

const DEFAULT_DEADLINE_MS = 5000;
const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export function createRpcClient<S extends ServiceDefinition>(
  Constructor: GeneratedClientConstructor<S>,
  address: string,
  options: RpcClientOptions = {},
): RpcClient<S> {
  const defaultDeadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const client = new Constructor(address, options.credentials ?? ChannelCredentials.createInsecure(), {
    'grpc.max_receive_message_length': maxBytes,
    'grpc.max_send_message_length': maxBytes,
  });
  const logger = options.logger?.child({ component: 'rpc-client', target: address });

  return {
    call<K extends UnaryMethodNames<S>>(method: K, request: RequestOf<S, K>, callOptions: RpcCallOptions = {}) {
      type Res = ResponseOf<S, K>;
      const definition = Constructor.service[method] as MethodDefinition<RequestOf<S, K>, Res>;
      const deadline = earliest(Date.now() + (callOptions.deadlineMs ?? defaultDeadlineMs), callOptions.deadline);
      const metadata = outboundMetadata(callOptions.token);
      const started = performance.now();
      return new Promise<Res>((resolve, reject) => {
        client.makeUnaryRequest(
          definition.path,
          definition.requestSerialize,
          definition.responseDeserialize,
          request,
          metadata,
          { deadline },
          (err, response) => {
            if (err || response === undefined) {
              const error = fromServiceError(err);
              logger?.debug(
                { method: definition.path, status: err ? statusName(err.code) : 'EMPTY', error_code: error.code, ms: Math.round(performance.now() - started) },
                'rpc call failed',
              );
              reject(error);
              return;
            }
            resolve(response);
          },
        );
      });
    },

    waitForReady(timeoutMs = defaultDeadlineMs) {
      return new Promise<void>((resolve, reject) => {
        client.waitForReady(Date.now() + timeoutMs, (err) =>
          err ? reject(unavailable('UPSTREAM_UNAVAILABLE', `${address} not ready after ${timeoutMs} ms`)) : resolve(),
        );
      });
    },

    close() {
      client.close();
    },
  };
}

function earliest(ms: number, deadline: Date | undefined): Date {
  return new Date(deadline ? Math.min(ms, deadline.getTime()) : ms);
}

/** The caller's token and the active trace context (traceparent, tracestate). */
function outboundMetadata(token: string | undefined): Metadata {
  const metadata = new Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  const carrier: Record<string, string> = {};
  injectTraceContext(carrier);
  for (const [key, value] of Object.entries(carrier)) metadata.set(key, value);
  return metadata;
}
