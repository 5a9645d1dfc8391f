import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { actorOf, AUDIT_COLLECTION, createAuditTrail, createTokenVerifier, type AuditEntry, type AuditTrail, type TokenVerifier } from '@onewindow/auth';
import {
  EVENT_TYPES,
  newEvent,
  openEventBus,
  startConsumer,
  startOutboxRelay,
  toOutboxMessage,
  type ConsumerSpec,
  type EventBus,
} from '@onewindow/events';
import {
  createLogger,
  createMetricsRegistry,
  Lifecycle,
  startOpsServer,
  systemClock,
  startTelemetry,
  type Logger,
  type ReadinessCheck,
} from '@onewindow/kernel';
import { prometheusRpcMetrics, startRpcServer, type RefusalAudit, type ServiceBinding } from '@onewindow/rpc';
import { openStore, type Store } from '@onewindow/store';
import type { Registry } from 'prom-client';
import type { PlatformConfig } from './config.js';

export interface ServiceRuntime {
  readonly config: PlatformConfig;
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly registry: Registry;
  readonly store: Store;
  readonly bus: EventBus;
  readonly verifier: TokenVerifier;
  /** This service's hash-chained audit trail; every entry is also announced on onewindow.audit.v1 (outbox). */
  readonly audit: AuditTrail;
}

/**
 * Opens what every service needs, from its parsed configuration: telemetry
 * first, then logger, metrics, the store, the event bus and the token
 * verifier, each registered for graceful shutdown. Choosing embedded or
 * cluster adapters is configuration only.
 */
export async function openRuntime(config: PlatformConfig): Promise<ServiceRuntime> {
  startTelemetry(config.service);
  const logger = createLogger({ service: config.service, level: config.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger);
  const registry = createMetricsRegistry(config.service);
  if (config.STORE === 'sqlite' || config.BUS === 'embedded') mkdirSync(config.DATA_DIR, { recursive: true });

  const store = await openStore(
    config.STORE === 'mongo'
      ? { kind: 'mongo', uri: config.MONGO_URL ?? '', database: config.MONGO_DB }
      : { kind: 'sqlite', file: join(config.DATA_DIR, `${config.service}.db`) },
    logger.child({ component: 'store' }),
  );
  lifecycle.onStop('store', () => store.close());

  const bus = await openEventBus(
    config.BUS === 'kafka'
      ? { kind: 'kafka', brokers: config.KAFKA_BROKERS ?? [], clientId: `onewindow-${config.service}`, partitions: config.BUS_PARTITIONS }
      : { kind: 'embedded', file: config.BUS_FILE ?? join(config.DATA_DIR, 'events.db'), partitions: config.BUS_PARTITIONS },
    logger.child({ component: 'bus' }),
  );
  lifecycle.onStop('bus', () => bus.close());

  const verifier = createTokenVerifier({
    issuer: config.OIDC_ISSUER,
    audience: config.OIDC_AUDIENCE,
    ...(config.OIDC_JWKS_URI ? { jwksUri: config.OIDC_JWKS_URI } : {}),
  });
  const audit = openAuditTrail(config.service, store);
  return { config, logger, lifecycle, registry, store, bus, verifier, audit };
}

/**
 * A service's audit trail in its own store. Each entry is announced in the
 * same write, so the platform trail (collected by identity) misses none.
 */
export function openAuditTrail(service: string, store: Store): AuditTrail {
  return createAuditTrail({
    collection: store.collection<AuditEntry>(AUDIT_COLLECTION),
    announce: (entry) => [
      toOutboxMessage(
        newEvent({
          type: EVENT_TYPES.AUDIT_ENTRY_RECORDED,
          source: `onewindow/${service}`,
          subject: entry.actor.subject || `${service}-anonymous`,
          data: { ...entry, actor: { ...entry.actor, roles: [...entry.actor.roles] } },
          time: new Date(entry.at),
        }),
      ),
    ],
  });
}

/** Every refusal at the gRPC boundary goes into the service's audit trail. */
export function auditRefusals(service: string, trail: AuditTrail, clock = systemClock): RefusalAudit {
  return async (refusal) => {
    await trail.append({
      at: clock.now().toISOString(),
      service,
      actor: actorOf(refusal.principal),
      action: refusal.method,
      resource: refusal.resource,
      window: refusal.window,
      traceId: refusal.traceId,
      outcome: 'DENIED',
      reason: refusal.reason,
      onBehalfOf: '',
    });
  };
}

export interface ServeOptions {
  /** gRPC services this process exposes. */
  readonly rpc?: readonly ServiceBinding[];
  /** Event consumers: one consumer group each. */
  readonly consumers?: readonly ConsumerSpec[];
  /** Readiness checks beyond the store and the bus. */
  readonly checks?: Record<string, ReadinessCheck>;
}

/**
 * Starts the process's servers and loops in order (gRPC, outbox relay,
 * consumers, then the ops server so readiness turns green last) and installs
 * graceful shutdown, which runs them down in reverse.
 */
export async function serve(rt: ServiceRuntime, options: ServeOptions): Promise<{ grpcPort: number; opsPort: number }> {
  const { config, logger, lifecycle, store, bus } = rt;
  let grpcPort = 0;
  if (options.rpc?.length) {
    const server = await startRpcServer({
      host: config.BIND_HOST,
      port: config.GRPC_PORT,
      logger: logger.child({ component: 'grpc' }),
      verifier: rt.verifier,
      services: [...options.rpc],
      metrics: prometheusRpcMetrics(rt.registry),
      audit: auditRefusals(config.service, rt.audit),
    });
    grpcPort = server.port;
    lifecycle.onStop('grpc', () => server.close());
  }

  const relay = startOutboxRelay({ store, bus, logger: logger.child({ component: 'outbox-relay' }) });
  lifecycle.onStop('outbox-relay', () => relay.stop());

  for (const consumer of options.consumers ?? []) {
    const subscription = await startConsumer({
      bus,
      store,
      group: consumer.group,
      topics: [...consumer.topics],
      ...(consumer.types ? { types: consumer.types } : {}),
      handle: consumer.handle,
      logger: logger.child({ component: 'consumer', group: consumer.group }),
    });
    lifecycle.onStop(`consumer:${consumer.group}`, () => subscription.close());
  }

  const ops = await startOpsServer({
    host: config.BIND_HOST,
    port: config.OPS_PORT,
    service: config.service,
    registry: rt.registry,
    checks: { store: () => store.ping(), bus: () => bus.ping(), ...options.checks },
  });
  lifecycle.onStop('ops', () => ops.close());
  lifecycle.handleSignals((code) => process.exit(code));
  logger.info({ grpcPort, opsPort: ops.port }, `${config.service} ready`);
  return { grpcPort, opsPort: ops.port };
}
