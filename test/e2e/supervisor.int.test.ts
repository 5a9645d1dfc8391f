// The launcher supervises: a service killed with SIGKILL under load is started
// again while the others keep serving, nothing submitted is lost, a crash loop
// is reported loudly, and stop() leaves nothing running, not even a pending restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api, eventually } from './client.js';

type Json = Record<string, unknown>;

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-supervisor-'));
const reports: string[] = [];
const BACKOFF = { initialMs: 400, maxMs: 5_000, windowMs: 60_000, loopCrashes: 4 };

let platform: RunningPlatform;
let api: Api;
let token: string;

beforeAll(async () => {
  platform = await startPlatform({
    dataDir,
    portOffset: 4500,
    base: { ...process.env, LOG_LEVEL: 'warn' },
    report: (line) => reports.push(line),
    backoff: BACKOFF,
  });
  api = new Api(platform.gatewayUrl);
  token = await api.token('applicant-demo');
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Kills the service's current process as the kernel's OOM killer would, and waits for its exit. */
async function kill9(name: string): Promise<void> {
  const child = platform.children.get(name);
  if (!child?.pid) throw new Error(`${name} is not running`);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

const healthz = () => api.call<{ status: string; checks: Record<string, string> }>('GET', '/healthz');

describe('the launcher supervises the services it started', () => {
  it('starts intake again after kill -9 under a stream of submissions: answers within seconds, loses no case', async () => {
    const accepted: string[] = [];
    let outageStartedAt = 0;
    let backAt = 0;
    let stop = false;
    // A client as the console is one: each submission retried under its Idempotency-Key until it is taken.
    const submitLoop = async (worker: number) => {
      for (let i = 0; !stop && i < 400; i++) {
        const key = `supervisor-${worker}-${i}`;
        for (let attempt = 0; attempt < 100; attempt++) {
          const answer = await api
            .call('POST', '/api/v1/cases', { token, headers: { 'idempotency-key': key }, body: { itemCode: 'SCJG-DJ-001' } })
            .catch(() => ({ status: 0, body: {} as Json }));
          if (answer.status === 201) {
            accepted.push(answer.body['id'] as string);
            if (outageStartedAt && !backAt) backAt = Date.now();
            break;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const workers = [submitLoop(1), submitLoop(2)];
    await eventually(async () => (accepted.length >= 10 ? true : undefined), 'the first ten submissions');
    outageStartedAt = Date.now();
    await kill9('intake');
    const acceptedAtKill = accepted.length;
    await eventually(async () => (backAt ? true : undefined), 'a submission taken after intake was killed', 20_000);
    await eventually(async () => (accepted.length >= acceptedAtKill + 10 ? true : undefined), 'ten more submissions');
    stop = true;
    await Promise.all(workers);

    expect(backAt - outageStartedAt).toBeLessThan(10_000);
    expect(platform.exits).toContainEqual({ name: 'intake', code: null, signal: 'SIGKILL' });
    expect(reports.join('\n')).toMatch(/intake exited \(SIGKILL\); starting it again in 400 ms/);
    expect(new Set(accepted).size).toBe(accepted.length);
    for (const id of accepted) {
      const found = await api.call('GET', `/api/v1/cases/${id}`, { token });
      expect(found.status, `case ${id}`).toBe(200);
    }
    expect((await healthz()).status).toBe(200);
  });

  it('says in /healthz which service is down, reports a crash loop loudly in the console and launcher.log, and heals', async () => {
    const name = 'notifications';
    for (let crash = 1; crash <= BACKOFF.loopCrashes; crash++) {
      await eventually(async () => ((await healthz()).status === 200 ? true : undefined), `${name} ready before crash ${crash}`);
      await kill9(name);
    }
    // Down for backoffDelay(4) = 3.2 s: the gateway names the one service that does not answer.
    const down = await healthz();
    expect(down.status).toBe(503);
    expect(down.body.checks[name]).not.toBe('ok');
    expect(Object.entries(down.body.checks).filter(([, r]) => r !== 'ok').map(([s]) => s)).toEqual([name]);
    expect(backoffDelay(BACKOFF.loopCrashes, BACKOFF)).toBe(3_200);

    const loud = reports.find((line) => line.includes(`${name} is crash-looping`));
    expect(loud).toMatch(/^!!! notifications is crash-looping: 4 crashes in 60 s \(last: SIGKILL\); next start in 3200 ms/);
    const logged = readFileSync(join(dataDir, 'logs', 'launcher.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', service: name, crashes: 4, restartInMs: 3_200, signal: 'SIGKILL' }));

    await eventually(async () => ((await healthz()).status === 200 ? true : undefined), `${name} back after the crash loop`, 30_000);
    // The launcher polls readiness too, a moment after the gateway sees it.
    await eventually(async () => (/^notifications is back \(ready in \d+ ms\)$/.test(reports.at(-1) ?? '') ? true : undefined), 'the all-clear');
  });

  it('stops everything on stop(), a restart that was pending included', async () => {
    await kill9('routing');
    await platform.stop();
    await new Promise((r) => setTimeout(r, BACKOFF.initialMs + 1_000));
    expect([...platform.children.values()].filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid)).toEqual([]);
    await expect(fetch(`${platform.gatewayUrl}/healthz`)).rejects.toThrow();
  });
});
