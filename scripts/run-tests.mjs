#!/usr/bin/env node
// `npm test`: builds, runs every package's unit and contract tests (turbo,
// cached), then the end-to-end tests against the built services, and closes
// with one summary line counting every test that ran.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './platform.mjs';
import { ensureDebianTool } from './tools/debian.mjs';

// poppler reads back the PDFs intake renders (text extraction and rasterising);
// its tests skip without it, so CI must have it.
let env = process.env;
try {
  const tools = await ensureDebianTool('poppler', { log: (line) => console.log(line) });
  env = { ...process.env, PATH: `${tools}:${process.env.PATH ?? ''}` };
} catch (err) {
  console.log(`! poppler not installed (${err.message.split('\n')[0]}): intake's PDF read-back tests will be skipped`);
  if (process.env.CI) process.exit(1);
}

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const step = (title, cmd, args) => {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  console.log(`${result.status === 0 ? '✓' : '✗'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
};

const resultFiles = () => [
  ...globSync('{libs,services}/*/.test-results.json', { cwd: ROOT }),
  ...(existsSync(join(ROOT, '.test-results.e2e.json')) ? ['.test-results.e2e.json'] : []),
];
for (const f of resultFiles()) rmSync(join(ROOT, f));

const ok =
  step('build (turbo)', bin('turbo'), ['run', 'build', '--output-logs=errors-only']) &&
  // --force: a cached test task would replay old results without running them.
  step('unit and contract tests (turbo)', bin('turbo'), ['run', 'test', '--force', '--output-logs=new-only', '--concurrency=2']) &&
  step('end-to-end tests', bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts']);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of resultFiles()) {
  const r = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(ok && failed === 0 && passed > 0 ? 0 : 1);
