#!/usr/bin/env node
// `npm run test:cluster`: the cluster suite (vitest.cluster.config.ts) against
// real servers: installs them into the cache if needed (with progress), lets
// the suite's global setup start and stop them, and closes with one
// `cluster: N passed, N failed, N skipped` line. Fails when anything failed,
// when nothing ran, or when a test was skipped (here a skip means a server
// was missing, which must not pass silently). Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT, SERVER_NAMES, ensureInstalled } from './servers.mjs';

const results = join(ROOT, '.test-results.cluster.json');
const began = Date.now();
console.log(`▶ cluster servers: installing into ${CACHE} if needed`);
try {
  const installed = await Promise.all(SERVER_NAMES.map((name) => ensureInstalled(name)));
  for (const i of installed) console.log(`  ${i.cached ? 'cached   ' : 'installed'} ${i.name} ${i.version}`);
} catch (err) {
  console.error(`✗ ${err.message}`);
  console.log('cluster: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
const installSeconds = (Date.now() - began) / 1000;

rmSync(results, { force: true });
const testsBegan = Date.now();
const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', '--config', 'vitest.cluster.config.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
const testSeconds = (Date.now() - testsBegan) / 1000;

// Contract cases a stand-in server declares it cannot pass (libs/store/test/store-contract.ts,
// ServerLimits; docs/infrastructure.md). Any other skip means a server was missing.
let passed = 0;
let failed = 1;
let skipped = 0;
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  const skips = (r.testResults ?? []).flatMap((f) => f.assertionResults ?? []).filter((a) => a.status === 'pending' || a.status === 'skipped' || a.status === 'todo');
  skipped = skips.length;
  // A suite that failed to load (or a failing hook) fails no test but must fail the run.
  failed += (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed')).length;
}
// vitest failed without failing a test (global setup, an unhandled error): count it.
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`\ncluster servers install ${installSeconds.toFixed(1)} s, tests (servers included) ${testSeconds.toFixed(1)} s`);
if (skipped > 0) console.log(`✗ ${skipped} cluster tests were skipped: a server was not provided, or a suite's setup failed (see above)`);
console.log(`cluster: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 && skipped === 0 && passed > 0 ? 0 : 1);
