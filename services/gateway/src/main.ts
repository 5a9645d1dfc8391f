// Composition root of the gateway: the only place that reads the environment.
import { createServer } from 'node:http';
import { approvalV1, certificateV1, feesV1, identityV1, intakeV1, notificationsV1, routingV1 } from '@onewindow/contracts';
import { envSchemas, systemClock } from '@onewindow/kernel';
import { createRpcClient } from '@onewindow/rpc';
import { openRuntime, parseServiceConfig, peerAddress, serve, SERVICES, type ServiceName } from '@onewindow/runtime';
import { z } from 'zod';
import { createGatewayApp } from './adapters/http/app.js';
import { apiRoutes } from './adapters/http/routes/index.js';
import { storeIdempotency } from './adapters/store/idempotency-store.js';

const upstreamNames = ['identity', 'intake', 'approval', 'certificate', 'fees', 'notifications', 'routing'] as const;

const config = parseServiceConfig('gateway', process.env, {
  HTTP_PORT: envSchemas.port(SERVICES.gateway.http),
  PUBLIC_URL: z.url().default(`http://127.0.0.1:${SERVICES.gateway.http}`),
  /** Where the embedded issuer runs; unset in cluster mode, where Keycloak serves the realm. */
  REALM_UPSTREAM_URL: z.url().optional(),
  /** name=url pairs of each service's readiness endpoint; GET /healthz is 200 only when all answer 200. */
  READY_URLS: envSchemas.list().default(
    upstreamNames.map((n: ServiceName) => `${n}=http://127.0.0.1:${SERVICES[n].ops}/readyz`),
  ),
  RATE_LIMIT_PER_SEC: z.coerce.number().positive().default(200),
  RATE_LIMIT_BURST: z.coerce.number().int().positive().default(400),
  BODY_LIMIT: z.string().default('256kb'),
  /** Largest file upload (POST /api/v1/files); keep it equal to intake's MAX_FILE_BYTES. */
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(10 * 1024 * 1024),
  IDENTITY_GRPC_ADDR: peerAddress('identity'),
  INTAKE_GRPC_ADDR: peerAddress('intake'),
  APPROVAL_GRPC_ADDR: peerAddress('approval'),
  CERTIFICATE_GRPC_ADDR: peerAddress('certificate'),
  FEES_GRPC_ADDR: peerAddress('fees'),
  NOTIFICATIONS_GRPC_ADDR: peerAddress('notifications'),
  ROUTING_GRPC_ADDR: peerAddress('routing'),
});
const rt = await openRuntime(config);
const client = { logger: rt.logger.child({ component: 'rpc-client' }) };
const upstreams = {
  identity: createRpcClient(identityV1.IdentityServiceClient, config.IDENTITY_GRPC_ADDR, client),
  // Uploads travel to intake in one message: allow the largest file plus room for the other fields.
  intake: createRpcClient(intakeV1.IntakeServiceClient, config.INTAKE_GRPC_ADDR, { ...client, maxMessageBytes: config.UPLOAD_LIMIT_BYTES + 1024 * 1024 }),
  approval: createRpcClient(approvalV1.ApprovalServiceClient, config.APPROVAL_GRPC_ADDR, client),
  certificate: createRpcClient(certificateV1.CertificateServiceClient, config.CERTIFICATE_GRPC_ADDR, client),
  fees: createRpcClient(feesV1.FeesServiceClient, config.FEES_GRPC_ADDR, client),
  notifications: createRpcClient(notificationsV1.NotificationsServiceClient, config.NOTIFICATIONS_GRPC_ADDR, client),
  routing: createRpcClient(routingV1.RoutingServiceClient, config.ROUTING_GRPC_ADDR, client),
};
for (const [name, c] of Object.entries(upstreams)) rt.lifecycle.onStop(`client:${name}`, () => c.close());

const readiness = Object.fromEntries(
  config.READY_URLS.map((pair) => {
    const [name = pair, url = ''] = pair.split('=');
    return [name, async () => {
      const answer = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (!answer.ok) throw new Error(`${name} not ready (${answer.status})`);
    }];
  }),
);

const app = createGatewayApp({
  routes: apiRoutes(upstreams, { intake: { uploadLimitBytes: config.UPLOAD_LIMIT_BYTES } }),
  verifier: rt.verifier,
  idempotency: storeIdempotency(rt.store),
  clock: systemClock,
  logger: rt.logger.child({ component: 'http' }),
  publicUrl: config.PUBLIC_URL,
  realmUpstream: config.REALM_UPSTREAM_URL,
  readiness: { gateway: () => rt.store.ping(), ...readiness },
  rateLimit: { perSecond: config.RATE_LIMIT_PER_SEC, burst: config.RATE_LIMIT_BURST },
  bodyLimit: config.BODY_LIMIT,
});
const http = createServer(app);
await new Promise<void>((resolve) => http.listen(config.HTTP_PORT, config.BIND_HOST, resolve));
rt.lifecycle.onStop('http', () => new Promise<void>((resolve) => http.close(() => resolve())));
rt.logger.info({ port: config.HTTP_PORT }, `gateway listening on ${config.PUBLIC_URL}`);
await serve(rt, {});
