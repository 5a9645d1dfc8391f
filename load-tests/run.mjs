#!/usr/bin/env node
// The load run: baselines, the platform, k6, the end check, the report.
//
//   node load-tests/run.mjs                      full run, embedded (npm run load)
//   node load-tests/run.mjs --profile smoke      ~30 s at a low rate, for CI (npm run load:smoke)
//   node load-tests/run.mjs --mode cluster       Kafka + MongoDB wire + Keycloak (npm run load:cluster)
//
// Options (each overrides the profile): --rate N (cases/s) --read-rate N
// (reads/s) --duration 300s --warmup 30s --scenario mixed|full|reads
// --p99 ms --baseline-seconds N --no-baselines --cpu-prof intake,gateway|all
// --port-offset 9000 --out dir --keep-data --log-level info.
// Exit code 0 only when k6's thresholds held and the end check passed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, SERVICE_ORDER, startPlatform } from '../scripts/platform.mjs';
import { ensureTool } from '../scripts/tools/install.mjs';
import { backlogReader } from './lib/backlog.mjs';
import { summariseProfiles } from './lib/cpu-profile.mjs';
import { cpuSeconds, loadAverage, machine, machineCpu, startSampler } from './lib/proc.mjs';
import { renderReport, summariseRun } from './lib/report.mjs';
import { verifyRun } from './lib/verify.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

const PROFILES = {
  // CI: correctness under a little concurrency (zero errors, nothing lost),
  // latency bars loose enough not to flake on a shared runner.
  smoke: { rate: 2, readRate: 5, duration: '15s', warmup: '3s', p99: 3000, baselineSeconds: 2, seedCases: 2, scenario: 'mixed' },
  // The issue's bar: 300 cases/s for 5 minutes, p99 < 100 ms.
  full: { rate: 300, readRate: 100, duration: '300s', warmup: '30s', p99: 100, baselineSeconds: 10, seedCases: 5, scenario: 'mixed' },
};

const { values: args } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    mode: { type: 'string', default: 'embedded' },
    rate: { type: 'string' },
    'read-rate': { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    scenario: { type: 'string' },
    p99: { type: 'string' },
    'baseline-seconds': { type: 'string' },
    'no-baselines': { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
    'port-offset': { type: 'string', default: '9000' },
    out: { type: 'string' },
    'keep-data': { type: 'boolean', default: false },
    'log-level': { type: 'string', default: 'info' },
    'max-vus': { type: 'string' },
  },
});

const fail = (message) => {
  console.error(`✗ ${message}`);
  process.exit(2);
};
const profile = PROFILES[args.profile] ?? fail(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`);
if (!['embedded', 'cluster'].includes(args.mode)) fail('--mode must be embedded or cluster');
const settings = {
  profile: args.profile,
  mode: args.mode,
  rate: Number(args.rate ?? profile.rate),
  readRate: Number(args['read-rate'] ?? profile.readRate),
  duration: args.duration ?? profile.duration,
  warmup: args.warmup ?? profile.warmup,
  scenario: args.scenario ?? profile.scenario,
  p99: Number(args.p99 ?? profile.p99),
  baselineSeconds: Number(args['baseline-seconds'] ?? profile.baselineSeconds),
  seedCases: profile.seedCases,
  portOffset: Number(args['port-offset']),
  logLevel: args['log-level'],
  maxVus: args['max-vus'] ? Number(args['max-vus']) : undefined,
};
if (!['mixed', 'full', 'reads'].includes(settings.scenario)) fail('--scenario must be mixed, full or reads');
const [major] = process.versions.node.split('.').map(Number);
if (major < 22) fail(`Node ${process.version}: the runner needs the project's Node 24 (run it through npm run load, or put node_modules/.bin first on PATH)`);

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const outDir = resolve(args.out ?? join(HERE, 'reports', `${stamp}-${settings.profile}-${settings.mode}`));
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-load-'));
const log = (line) => console.log(line);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function git(...a) {
  const r = spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

/** Runs k6 with a summary export; resolves with its exit code and the parsed summary. */
function runK6(k6, script, env, name) {
  const summaryFile = join(outDir, `k6-${name}.json`);
  const logFile = join(outDir, `k6-${name}.log`);
  rmSync(summaryFile, { force: true });
  const a = ['run', '--quiet', '--no-color', '--summary-export', summaryFile,
    '--summary-trend-stats', 'avg,min,med,p(90),p(95),p(99),max', script];
  for (const [k, v] of Object.entries(env)) a.splice(1, 0, '-e', `${k}=${v}`);
  return new Promise((resolvePromise) => {
    const child = spawn(k6, a, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    const keep = (d) => chunks.push(d);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code) => {
      writeFileSync(logFile, Buffer.concat(chunks));
      const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : undefined;
      resolvePromise({ code, summary, logFile, pid: child.pid });
    });
    runK6.current = child;
  });
}

/** Spawns a baseline script and returns its one JSON line. */
function runNodeJson(script, scriptArgs) {
  const r = spawnSync(process.execPath, [join(HERE, 'baselines', script), ...scriptArgs], { cwd: ROOT, encoding: 'utf8', timeout: (settings.baselineSeconds * 10 + 60) * 1000 });
  const line = (r.stdout ?? '').trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`baseline ${script} failed (${r.signal ? `${r.signal}: no answer in time` : `exit ${r.status}`}): ${r.stderr || r.stdout}`);
  }
}

async function httpBaseline(k6) {
  const server = spawn(process.execPath, [join(HERE, 'baselines', 'http-hello.mjs'), '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolvePort, reject) => {
    server.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) resolvePort(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`hello-world server exited (${code})`)));
  });
  try {
    const { summary } = await runK6(k6, join(HERE, 'k6', 'hello.js'), { BASE_URL: `http://127.0.0.1:${port}`, VUS: 32, DURATION: `${settings.baselineSeconds}s` }, 'baseline-http');
    const m = summary?.metrics ?? {};
    return { requestsPerSecond: m.http_reqs?.rate, p95Ms: m.http_req_duration?.['p(95)'], p99Ms: m.http_req_duration?.['p(99)'], failed: m.http_req_failed?.value };
  } finally {
    server.kill('SIGTERM');
  }
}

async function startCluster() {
  const infra = join(ROOT, 'scripts', 'infra', 'servers.mjs');
  if (!existsSync(infra)) throw new Error('cluster mode needs scripts/infra/servers.mjs (the real-server launcher), which is missing');
  const { ensureInstalled, startServer, platformEnvFor } = await import(infra);
  const names = ['kafka', 'mongo', 'keycloak'];
  await Promise.all(names.map((n) => ensureInstalled(n, { log })));
  // Ports of their own, away from the cluster tests (19192, 27127, 18180) and infra:up's defaults.
  const ports = { kafka: 19492, mongo: 27427, keycloak: 18480 };
  const handles = [];
  try {
    for (const n of names) {
      handles.push(await startServer(n, { instance: `load-${n}`, port: ports[n], dataDir: join(dataDir, 'servers', n), fresh: true, ifRunning: 'restart', log }));
    }
  } catch (err) {
    await Promise.all(handles.map((h) => h.stop().catch(() => {})));
    throw err;
  }
  const keycloak = handles.find((h) => h.name === 'keycloak');
  return { handles, env: platformEnvFor(handles), secrets: keycloak?.secrets, issuer: keycloak?.issuer, mongoUrl: handles.find((h) => h.name === 'mongo')?.url, brokers: handles.find((h) => h.name === 'kafka')?.brokers };
}

// ------------------------------------------------------------------ the run

const report = {
  settings,
  date: new Date().toISOString(),
  // LOAD_COMMIT/LOAD_DIRTY: for a copy of the tree outside git (a before/after snapshot), say what it was built from.
  commit: process.env.LOAD_COMMIT ?? git('rev-parse', 'HEAD'),
  dirty: process.env.LOAD_DIRTY ? process.env.LOAD_DIRTY : git('status', '--porcelain', '--untracked-files=no') !== '',
  machine: machine(),
  loadBefore: loadAverage(),
  command: `node ${relative(ROOT, fileURLToPath(import.meta.url))} ${process.argv.slice(2).join(' ')}`.trim(),
};
log(`OneWindow load run: ${settings.profile}, ${settings.mode} mode, ${settings.rate} cases/s + ${settings.readRate} reads/s for ${settings.duration} (warm-up ${settings.warmup})`);
log(`  machine: ${report.machine.cores} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB; load average ${report.loadBefore}`);
log(`  report → ${outDir}`);

let platform;
let cluster;
let exitCode;
const cleanup = async () => {
  runK6.current?.kill('SIGTERM');
  await platform?.stop().catch(() => {});
  await Promise.all((cluster?.handles ?? []).map((h) => h.stop().catch(() => {})));
  if (!args['keep-data']) rmSync(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  const k6 = await ensureTool('k6', { log });
  report.k6 = spawnSync(k6, ['version'], { encoding: 'utf8' }).stdout.trim();
  for (const s of SERVICE_ORDER) {
    if (!existsSync(join(ROOT, 'services', s, 'dist', 'main.js'))) throw new Error(`services/${s}/dist is missing: build first (npx turbo run build)`);
  }

  if (settings.mode === 'cluster') {
    log('▶ cluster servers (Kafka, FerretDB, Keycloak)');
    cluster = await startCluster();
    mkdirSync(join(dataDir, 'platform'), { recursive: true });
    writeFileSync(join(dataDir, 'platform', 'secrets.json'), JSON.stringify({
      SERVICES_CLIENT_SECRET: cluster.secrets.ONEWINDOW_SERVICES_CLIENT_SECRET,
      PARTNER_DEMO_SECRET: cluster.secrets.ONEWINDOW_PARTNER_DEMO_SECRET,
      DATA_ENCRYPTION_KEY: (await import('node:crypto')).randomBytes(32).toString('base64'),
    }), { mode: 0o600 });
  }

  if (!args['no-baselines']) {
    log(`▶ baselines (${settings.baselineSeconds} s each, same machine, before the platform starts)`);
    const b = {};
    b.http = await httpBaseline(k6);
    log(`  http hello-world (express, k6 32 VUs): ${b.http.requestsPerSecond?.toFixed(0)} req/s, p99 ${b.http.p99Ms?.toFixed(2)} ms`);
    b.store = runNodeJson('store.mjs', settings.mode === 'cluster' ? ['mongo', cluster.mongoUrl, String(settings.baselineSeconds)] : ['sqlite', dataDir, String(settings.baselineSeconds)]);
    log(`  store inserts (${b.store.kind}, one writer): ${b.store.perSecond.toFixed(0)}/s, p99 ${b.store.latencyMs.p99} ms`);
    b.bus = runNodeJson('bus.mjs', settings.mode === 'cluster' ? ['kafka', cluster.brokers, String(settings.baselineSeconds)] : ['embedded', dataDir, String(settings.baselineSeconds)]);
    log(`  bus (${b.bus.kind}): produce ${b.bus.producePerSecond.toFixed(0)}/s (p99 ${b.bus.produceLatencyMs.p99} ms), consume ${b.bus.consumePerSecond.toFixed(0)}/s`);
    report.baselines = b;
  }

  log(`▶ platform (port offset ${settings.portOffset}, data ${dataDir})`);
  const cpuProf = args['cpu-prof'] ? (args['cpu-prof'] === 'all' ? [...SERVICE_ORDER] : args['cpu-prof'].split(',')) : [];
  const nodeArgs = Object.fromEntries(cpuProf.map((s) => [s, ['--cpu-prof', `--cpu-prof-dir=${join(outDir, 'cpu', s)}`]]));
  const base = {
    ...process.env,
    LOG_LEVEL: settings.logLevel,
    // Every virtual user shares the five demo accounts: the per-subject rate
    // limit (a protection against one abusive client) is lifted above the offered load.
    RATE_LIMIT_PER_SEC: '1000000',
    RATE_LIMIT_BURST: '1000000',
    ...(cluster?.env ?? {}),
  };
  const platformDir = settings.mode === 'cluster' ? join(dataDir, 'platform') : dataDir;
  const began = Date.now();
  platform = await startPlatform({ dataDir: platformDir, portOffset: settings.portOffset, base, nodeArgs, timeoutMs: 120_000, progress: log });
  log(`  up in ${seconds(Date.now() - began)} at ${platform.gatewayUrl}`);
  const tokenUrl = settings.mode === 'cluster' ? `${cluster.issuer}/protocol/openid-connect/token` : `${platform.gatewayUrl}/realms/onewindow/protocol/openid-connect/token`;

  const pids = () => Object.fromEntries([...platform.children].map(([name, child]) => [name, child.pid]));
  const cpuAt = () => ({ ...Object.fromEntries(Object.entries(pids()).map(([n, pid]) => [n, cpuSeconds(pid)])), machine: machineCpu() });
  const backlog = settings.mode === 'embedded' ? backlogReader(platformDir, SERVICE_ORDER) : undefined;
  const backlogSamples = [];
  const backlogTimer = backlog ? setInterval(() => backlogSamples.push({ t: (Date.now() - began) / 1000, ...backlog.read() }), 5000) : undefined;

  const script = settings.scenario === 'reads' ? 'read-traffic.js' : 'full-path.js';
  const k6Env = {
    BASE_URL: platform.gatewayUrl,
    TOKEN_URL: tokenUrl,
    RATE: settings.scenario === 'reads' ? 0 : settings.rate,
    READ_RATE: settings.scenario === 'full' ? 0 : settings.readRate,
    DURATION: settings.duration,
    WARMUP: settings.warmup,
    P99_MS: settings.p99,
    SEED_CASES: settings.seedCases,
    RUN_ID: `load-${stamp}`,
    ...(settings.maxVus ? { MAX_VUS: settings.maxVus } : {}),
  };
  log(`▶ k6 ${script} (${Object.entries(k6Env).filter(([k]) => !['BASE_URL', 'TOKEN_URL', 'RUN_ID'].includes(k)).map(([k, v]) => `${k}=${v}`).join(' ')})`);
  const k6Began = Date.now();
  const runnerBefore = process.cpuUsage();
  const cpuBefore = cpuAt();
  const sampler = startSampler(pids, { intervalMs: 2000 });
  const k6Run = runK6(k6, join(HERE, 'k6', script), k6Env, 'run');
  const k6Cpu = setInterval(() => {
    if (runK6.current?.pid) report.k6CpuSeconds = cpuSeconds(runK6.current.pid);
  }, 1000);
  const progress = setInterval(() => {
    const last = backlogSamples.at(-1);
    log(`  … ${seconds(Date.now() - k6Began)}; load ${loadAverage().split(' ')[0]}${last ? `; outbox ${last.outboxTotal}, consumer lag ${last.lagTotal}` : ''}`);
  }, 15_000);
  const k6Result = await k6Run;
  clearInterval(progress);
  clearInterval(k6Cpu);
  const cpuAfter = cpuAt();
  // This process pipes the 8 services' logs to their files: its CPU is part of the platform's cost too.
  const runnerCpu = process.cpuUsage(runnerBefore);
  report.runnerCpuSeconds = (runnerCpu.user + runnerCpu.system) / 1e6;
  const memory = sampler.stop();
  const k6Seconds = (Date.now() - k6Began) / 1000;
  log(`  k6 finished in ${k6Seconds.toFixed(0)} s (exit ${k6Result.code}); log ${k6Result.logFile}`);

  log('▶ end check: every submitted case CLOSED with exactly one licence');
  const m = k6Result.summary?.metrics ?? {};
  const submitted = (m.cases_submitted?.count ?? 0) + (m.cases_seeded?.count ?? 0);
  report.verification = await verifyRun({
    gatewayUrl: platform.gatewayUrl,
    tokenUrl,
    submitted,
    mode: settings.mode,
    dataDir: platformDir,
    mongoUrl: cluster?.mongoUrl,
    log,
  });
  if (backlogTimer) clearInterval(backlogTimer);
  backlog?.close();
  report.loadAfter = loadAverage();

  log('▶ stopping the platform');
  await platform.stop();
  platform = undefined;
  if (cpuProf.length > 0) report.cpuProfiles = summariseProfiles(join(outDir, 'cpu'), { top: 25 });

  Object.assign(report, summariseRun({ k6: k6Result, k6Seconds, settings, memory, cpuBefore, cpuAfter, backlogSamples, baselines: report.baselines }));
  writeFileSync(join(outDir, 'report.json'), JSON.stringify({ ...report, memorySamples: memory, backlogSamples }, null, 2));
  const markdown = renderReport(report);
  writeFileSync(join(outDir, 'report.md'), markdown);
  log(`\n${markdown}`);
  const passed = k6Result.code === 0 && report.verification.ok;
  log(passed ? '✓ load run passed: thresholds held, nothing lost, nothing duplicated' : `✗ load run failed: ${k6Result.code !== 0 ? `k6 thresholds (exit ${k6Result.code})` : ''}${report.verification.ok ? '' : ' end check'}`);
  log(`  report: ${join(outDir, 'report.md')}`);
  exitCode = passed ? 0 : 1;
} catch (err) {
  console.error(`✗ ${err.stack ?? err.message}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
