// The load harness's own measuring parts against the real platform (every
// service its own process, embedded adapters): the end check passes a run in
// which every case closed with one licence, and fails one that lost or
// stranded a case; the samplers read the eight processes and the backlog.
// (k6 itself is exercised by `npm run load:smoke`.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlogReader } from '../../load-tests/lib/backlog.mjs';
import { cpuSeconds, startSampler } from '../../load-tests/lib/proc.mjs';
import { verifyRun } from '../../load-tests/lib/verify.mjs';
import { SERVICE_ORDER, startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api, eventually } from './client.js';

type Json = Record<string, unknown>;

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-load-'));
let platform: RunningPlatform;
let api: Api;
const tokens: Record<string, string> = {};
const tokenUrl = () => `${platform.gatewayUrl}/realms/onewindow/protocol/openid-connect/token`;

beforeAll(async () => {
  platform = await startPlatform({ dataDir, portOffset: 9000, base: { ...process.env, LOG_LEVEL: 'warn' } });
  api = new Api(platform.gatewayUrl);
  for (const user of ['applicant-demo', 'clerk-demo', 'approver-demo']) tokens[user] = await api.token(user);
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The item's required materials, with an uploaded file when the API takes uploads (as the k6 path does). */
async function materials(): Promise<Json[]> {
  const item = await api.call<{ requiredMaterials: { code: string; required?: boolean }[] }>('GET', '/api/v1/catalog/items/SCJG-DJ-001');
  const codes = item.body.requiredMaterials.filter((m) => m.required !== false).map((m) => m.code);
  const doc = await api.call<{ paths: Json }>('GET', '/openapi.json');
  if (!doc.body.paths['/api/v1/files']) return codes.map((code) => ({ code, fileId: `load-${code}` }));
  const upload = await fetch(`${platform.gatewayUrl}/api/v1/files?filename=m.pdf`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens['applicant-demo']}`, 'content-type': 'application/pdf' },
    body: `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${Math.random()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  });
  expect(upload.status).toBe(201);
  const { id } = (await upload.json()) as { id: string };
  return codes.map((code) => ({ code, fileId: id }));
}

async function submit(): Promise<string> {
  const answer = await api.call('POST', '/api/v1/cases', { token: tokens['applicant-demo'], body: { itemCode: 'SCJG-DJ-001', materials: await materials() } });
  expect(answer.status).toBe(201);
  return answer.body['id'] as string;
}

async function walkToClosed(): Promise<void> {
  const caseId = await submit();
  expect((await api.call('POST', `/api/v1/cases/${caseId}/accept`, { token: tokens['clerk-demo'], body: { opinion: '材料齐全' } })).status).toBe(200);
  const task = await eventually(async () => {
    const inbox = await api.call<{ tasks: Json[] }>('GET', '/api/v1/tasks', { token: tokens['approver-demo'] });
    return inbox.body.tasks?.find((t) => t['caseId'] === caseId);
  }, 'the task');
  const done = await api.call('POST', `/api/v1/tasks/${task['id'] as string}/complete`, {
    token: tokens['approver-demo'],
    body: { outcome: 'APPROVE', opinion: '同意', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'] },
  });
  expect(done.status).toBe(200);
  await eventually(async () => ((await api.call('GET', `/api/v1/cases/${caseId}`, { token: tokens['applicant-demo'] })).body['status'] === 'CLOSED' ? true : undefined), 'the case to close');
}

describe('the load harness against the real platform', () => {
  it('passes a run in which every submitted case closed with exactly one licence', async () => {
    await walkToClosed();
    await walkToClosed();

    const verdict = await verifyRun({ gatewayUrl: platform.gatewayUrl, tokenUrl: tokenUrl(), submitted: 2, dataDir, waitMs: 10_000 });

    expect(verdict).toMatchObject({ ok: true, found: 2, lost: 0, unexpected: 0, byStatus: { CLOSED: 2 }, licencesInStore: 2, sharedLicenceIds: 0 });
    expect(verdict.duplicateLicences).toEqual([]);
  });

  it('fails a run that left a case short of CLOSED, naming it', async () => {
    const stranded = await submit();

    const verdict = await verifyRun({ gatewayUrl: platform.gatewayUrl, tokenUrl: tokenUrl(), submitted: 3, dataDir, waitMs: 0 });

    expect(verdict.ok).toBe(false);
    expect(verdict.notClosed.map((c) => c.id)).toEqual([stranded]);
    expect(verdict.casesWithoutLicenceInStore).toEqual([stranded]);
  });

  it('fails a run in which the API accepted more cases than the platform holds', async () => {
    const verdict = await verifyRun({ gatewayUrl: platform.gatewayUrl, tokenUrl: tokenUrl(), submitted: 5, dataDir, waitMs: 0 });

    expect(verdict.ok).toBe(false);
    expect(verdict.lost).toBe(2);
  });

  it('samples the memory and CPU of the eight service processes, and the backlog', async () => {
    const pids = () => Object.fromEntries([...platform.children].map(([name, child]) => [name, child.pid]));
    const sampler = startSampler(pids, { intervalMs: 200 });
    await new Promise((r) => setTimeout(r, 700));
    const samples = sampler.stop();

    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(samples[0]!.perProcess).sort()).toEqual([...SERVICE_ORDER].sort());
    for (const bytes of Object.values(samples.at(-1)!.perProcess)) expect(bytes).toBeGreaterThan(20 * 2 ** 20);
    for (const pid of Object.values(pids())) expect(cpuSeconds(pid!)).toBeGreaterThan(0);

    const backlog = backlogReader(dataDir, SERVICE_ORDER);
    try {
      const now = backlog.read();
      expect(Object.keys(now.outbox)).toEqual(expect.arrayContaining(['intake', 'approval', 'certificate']));
      // Every consumer group that committed has a lag; approval's groups consume case events.
      expect(Object.keys(now.lag).some((group) => group.startsWith('approval.'))).toBe(true);
      expect(now.lagTotal).toBeGreaterThanOrEqual(0);
    } finally {
      backlog.close();
    }
  });
});
