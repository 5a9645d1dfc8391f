#!/usr/bin/env node
// What the platform costs doing nothing: starts it (port offset 9000, a
// temporary data folder), lets it settle, then reads each service's CPU time
// and resident memory 30 s apart.   node load-tests/idle.mjs [settleSeconds] [seconds]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform } from '../scripts/platform.mjs';
import { cpuSeconds, loadAverage, rssBytes } from './lib/proc.mjs';

const [settle = 10, seconds = 30] = process.argv.slice(2).map(Number);
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-idle-'));
const platform = await startPlatform({ dataDir, portOffset: 9000 });
try {
  await new Promise((r) => setTimeout(r, settle * 1000));
  const pids = Object.fromEntries([...platform.children].map(([name, child]) => [name, child.pid]));
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const loadBefore = loadAverage();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  let cpu = 0;
  let rss = 0;
  for (const [name, pid] of Object.entries(pids)) {
    const used = cpuSeconds(pid) - before[name];
    cpu += used;
    rss += rssBytes(pid);
    console.log(`${name.padEnd(14)} ${((used / seconds) * 100).toFixed(1).padStart(5)} % of a core  ${Math.round(rssBytes(pid) / 2 ** 20)} MiB`);
  }
  console.log(`${'platform'.padEnd(14)} ${((cpu / seconds) * 100).toFixed(1).padStart(5)} % of a core  ${Math.round(rss / 2 ** 20)} MiB   (load average ${loadBefore} → ${loadAverage()})`);
} finally {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
