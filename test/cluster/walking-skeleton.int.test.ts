// The walking skeleton in cluster mode: the eight built services, each its own
// process, on FerretDB (MongoDB wire) + Kafka + Keycloak, configured by
// environment only; tokens come from the Keycloak realm. A case goes from
// submission to a verified licence, and survives a restart of the platform.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPlatform, takenPorts, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api } from '../e2e/client.js';
import { expectFeeBilled, expectToldAtEveryStep, walkToVerifiedLicence } from '../e2e/walk.js';
import { CLUSTER_PORTS } from './ports.js';

type Json = Record<string, unknown>;

const cluster = inject('cluster');
const dataDir = join(cluster.dataDir, 'platform');
const tokenUrl = `${cluster.issuer}/protocol/openid-connect/token`;
const base = {
  ...process.env,
  LOG_LEVEL: 'info',
  STORE: 'mongo',
  MONGO_URL: cluster.mongoUrl,
  BUS: 'kafka',
  KAFKA_BROKERS: cluster.kafkaBrokers,
  OIDC_ISSUER: cluster.issuer,
  // identity provisions Keycloak through the admin API with the realm's onewindow-identity client.
  KEYCLOAK_URL: cluster.keycloakUrl,
  KEYCLOAK_ADMIN_CLIENT_ID: 'onewindow-identity',
  KEYCLOAK_ADMIN_CLIENT_SECRET: cluster.identityAdminSecret,
};

let portOffset: number = CLUSTER_PORTS.platformOffset;
const start = (): Promise<RunningPlatform> => startPlatform({ dataDir, portOffset, base, timeoutMs: 90_000 });

let platform: RunningPlatform;
let api: Api;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const candidates = [0, 300, 600, 900].map((d) => CLUSTER_PORTS.platformOffset + d);
  const chosen = (await Promise.all(candidates.map(async (offset) => (await takenPorts(offset)).length === 0))).findIndex(Boolean);
  if (chosen < 0) throw new Error(`every platform port offset tried (${candidates.join(', ')}) has a port in use on 127.0.0.1`);
  portOffset = candidates[chosen] ?? portOffset;
  // The launcher reads the client secrets from here instead of generating them:
  // the services client must match the one the Keycloak realm was imported with.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'secrets.json'),
    JSON.stringify({
      SERVICES_CLIENT_SECRET: cluster.servicesClientSecret,
      PARTNER_DEMO_SECRET: cluster.partnerClientSecret,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    }),
    { mode: 0o600 },
  );
  platform = await start();
  api = new Api(platform.gatewayUrl, tokenUrl);
  for (const user of ['applicant-demo', 'clerk-demo', 'approver-demo', 'supervisor-demo']) tokens[user] = await api.token(user);
});

afterAll(async () => {
  await platform?.stop();
});

describe('the walking skeleton in cluster mode: FerretDB + Kafka + Keycloak, every service its own process', () => {
  let caseId: string;
  let licenceId: string;

  it('runs every service on the cluster adapters and is healthy', async () => {
    for (const env of Object.values(platform.env)) {
      expect(env).toMatchObject({ STORE: 'mongo', BUS: 'kafka', MONGO_URL: cluster.mongoUrl, KAFKA_BROKERS: cluster.kafkaBrokers, OIDC_ISSUER: cluster.issuer });
    }
    expect(platform.env['identity']?.['ISSUER']).toBe('external');
    const health = await api.call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(Object.keys(health.body['checks'] as Json).sort()).toEqual(
      ['approval', 'certificate', 'fees', 'gateway', 'identity', 'intake', 'notifications', 'routing'],
    );
  });

  it('accepts Keycloak tokens at the edge and refuses requests without one', async () => {
    expect((await api.call('GET', '/api/v1/tasks', { token: tokens['approver-demo'] })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/cases', { body: { itemCode: 'SCJG-DJ-001' } })).status).toBe(401);
    expect((await api.call('GET', '/api/v1/tasks', { token: `${tokens['approver-demo']}x` })).status).toBe(401);
  });

  it('takes a submission once per Idempotency-Key', async () => {
    const request = {
      token: tokens['applicant-demo'],
      headers: { 'idempotency-key': `cluster-submit-${randomBytes(4).toString('hex')}` },
      body: { itemCode: 'SCJG-DJ-001' },
    };
    const first = await api.call('POST', '/api/v1/cases', request);
    expect(first.status).toBe(201);
    expect(first.body['status']).toBe('SUBMITTED');
    const replay = await api.call('POST', '/api/v1/cases', request);
    expect(replay.status).toBe(201);
    expect(replay.body['id']).toBe(first.body['id']);
    caseId = first.body['id'] as string;
  });

  it('refuses an applicant who tries to accept, and operator injection', async () => {
    const byApplicant = await api.call('POST', `/api/v1/cases/${caseId}/accept`, { token: tokens['applicant-demo'], body: {} });
    expect(byApplicant.status).toBe(403);
    const injected = await api.call('POST', '/api/v1/cases', { token: tokens['applicant-demo'], body: { itemCode: { $gt: '' } } });
    expect(injected.status).toBe(400);
    expect((await api.call('GET', `/api/v1/cases/${caseId}`, { token: tokens['applicant-demo'] })).body['status']).toBe('SUBMITTED');
  });

  it('walks from acceptance through approval to a verified licence', async () => {
    licenceId = await walkToVerifiedLicence(api, tokens, caseId, 60_000);
  });

  it('told the applicant at every step', async () => {
    await expectToldAtEveryStep(api, tokens, caseId, 60_000);
  });

  it('bills a case whose item carries a fee, in integer fen', async () => {
    await expectFeeBilled(api, tokens, 60_000);
  });

  it('loses nothing across a restart of the whole platform', async () => {
    await platform.stop();
    platform = await start();
    api = new Api(platform.gatewayUrl, tokenUrl);
    const after = await api.call('GET', `/api/v1/cases/${caseId}`, { token: await api.token('applicant-demo') });
    expect(after.body['status']).toBe('CLOSED');
    expect(after.body['licenceId']).toBe(licenceId);
    // Tokens issued before the restart still verify: the keys are Keycloak's.
    expect((await api.call('GET', `/api/v1/cases/${caseId}`, { token: tokens['applicant-demo'] })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/licences/${licenceId}/verify`)).body['valid']).toBe(true);
  });
});
