export {
  ERROR_CODE_KEY,
  ERROR_DETAILS_KEY,
  ERROR_KIND_KEY,
  fromServiceError,
  statusName,
  statusOf,
  toServiceError,
  type RpcErrorStatus,
} from './error-map.js';
export { prometheusRpcMetrics, type RpcMetrics } from './metrics.js';
export type { Refusal, RefusalAudit } from './call.js';
export {
  bindService,
  callerOf,
  startRpcServer,
  type BindOptions,
  type CallContext,
  type Handler,
  type RpcServer,
  type RpcServerOptions,
  type ServiceBinding,
  type ServiceHandlers,
} from './server.js';
export {
  createRpcClient,
  type GeneratedClientConstructor,
  type RpcCallOptions,
  type RpcClient,
  type RpcClientOptions,
} from './client.js';
export type { RequestOf, ResponseOf, UnaryMethodNames } from './types.js';
export { cachingVerifier, type VerificationCacheOptions } from './token-cache.js';
