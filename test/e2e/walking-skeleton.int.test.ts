import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api } from './client.js';
import { expectFeeBilled, expectToldAtEveryStep, walkToVerifiedLicence } from './walk.js';

type Json = Record<string, unknown>;

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-'));
const start = (): Promise<RunningPlatform> =>
  startPlatform({ dataDir, portOffset: 3000, base: { ...process.env, LOG_LEVEL: 'info' } });

let platform: RunningPlatform;
let api: Api;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await start();
  api = new Api(platform.gatewayUrl);
  for (const user of ['applicant-demo', 'clerk-demo', 'approver-demo', 'supervisor-demo', 'admin-demo']) tokens[user] = await api.token(user);
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the walking skeleton, every service its own process, embedded adapters', () => {
  let caseId: string;
  let licenceId: string;

  it('is healthy only with every service ready, and publishes its OpenAPI document', async () => {
    const health = await api.call('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(Object.keys(health.body['checks'] as Json).sort()).toEqual(
      ['approval', 'certificate', 'fees', 'gateway', 'identity', 'intake', 'notifications', 'routing'],
    );
    const doc = await api.call('GET', '/openapi.json');
    expect(doc.body['openapi']).toBe('3.1.0');
    expect(Object.keys(doc.body['paths'] as Json)).toContain('/api/v1/cases/{caseId}/accept');
  });

  it('serves the realm with Keycloak paths', async () => {
    const discovery = await api.call('GET', '/realms/onewindow/.well-known/openid-configuration');
    expect(discovery.body['issuer']).toBe(`${platform.gatewayUrl}/realms/onewindow`);
    expect(discovery.body['token_endpoint']).toBe(`${platform.gatewayUrl}/realms/onewindow/protocol/openid-connect/token`);
    const jwks = await api.call<{ keys: Json[] }>('GET', '/realms/onewindow/protocol/openid-connect/certs');
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
  });

  it('takes a submission once per Idempotency-Key', async () => {
    const request = { token: tokens['applicant-demo'], headers: { 'idempotency-key': 'e2e-submit-0001' }, body: { itemCode: 'SCJG-DJ-001' } };
    const first = await api.call('POST', '/api/v1/cases', request);
    expect(first.status).toBe(201);
    expect(first.body['status']).toBe('SUBMITTED');
    expect(first.body['caseNumber']).toMatch(/\S/);
    const replay = await api.call('POST', '/api/v1/cases', request);
    expect(replay.status).toBe(201);
    expect(replay.body['id']).toBe(first.body['id']);
    caseId = first.body['id'] as string;
  });

  it('refuses what it must: no token, a wrong role, operator injection', async () => {
    expect((await api.call('POST', '/api/v1/cases', { body: { itemCode: 'SCJG-DJ-001' } })).status).toBe(401);
    const byApplicant = await api.call('POST', `/api/v1/cases/${caseId}/accept`, { token: tokens['applicant-demo'], body: {} });
    expect(byApplicant.status).toBe(403);
    expect(byApplicant.headers.get('content-type')).toContain('application/problem+json');
    const injected = await api.call('POST', '/api/v1/cases', { token: tokens['applicant-demo'], body: { itemCode: { $gt: '' } } });
    expect(injected.status).toBe(400);
    expect(injected.body['code']).toBe('REQUEST_INVALID');
    expect((await api.call('GET', `/api/v1/cases/${caseId}`, { token: tokens['applicant-demo'] })).body['status']).toBe('SUBMITTED');
  });

  it('walks from acceptance through approval to a verified licence', async () => {
    licenceId = await walkToVerifiedLicence(api, tokens, caseId);
  });

  it('told the applicant at every step', async () => {
    await expectToldAtEveryStep(api, tokens, caseId);
  });

  it('bills a case whose item carries a fee, in integer fen', async () => {
    await expectFeeBilled(api, tokens);
  });

  it('keeps routing up and answering', async () => {
    const partners = await api.call('GET', '/api/v1/partners', { token: tokens['admin-demo'] });
    expect((await api.call('GET', '/api/v1/partners', { token: tokens['applicant-demo'] })).status).toBe(403);
    expect(partners.status).toBe(200);
    expect(Array.isArray(partners.body['partners'])).toBe(true);
  });

  it('loses nothing across a restart of the whole platform', async () => {
    await platform.stop();
    platform = await start();
    api = new Api(platform.gatewayUrl);
    const applicant = await api.token('applicant-demo');
    const after = await api.call('GET', `/api/v1/cases/${caseId}`, { token: applicant });
    expect(after.body['status']).toBe('CLOSED');
    expect(after.body['licenceId']).toBe(licenceId);
    // Tokens issued before the restart still verify: the signing key is persisted.
    expect((await api.call('GET', `/api/v1/cases/${caseId}`, { token: tokens['applicant-demo'] })).status).toBe(200);
    expect((await api.call('GET', `/api/v1/licences/${licenceId}/verify`)).body['valid']).toBe(true);
  });

  it('refuses to start under a production configuration while demo accounts exist', () => {
    const env = { ...platform.env['identity'], ONEWINDOW_ENV: 'production', DEMO_ACCOUNTS: 'false', GRPC_PORT: '0', OPS_PORT: '0', HTTP_PORT: '0' };
    const run = spawnSync(process.execPath, [join(ROOT, 'services/identity/dist/main.js')], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/demo/i);
  });
});
