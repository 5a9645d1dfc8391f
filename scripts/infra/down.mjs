#!/usr/bin/env node
// `npm run infra:down [-- kafka|mongo|keycloak|all] [--everything] [--clean]`:
// stops the servers `infra:up` started (by the process group in their PID
// file). --everything also stops instances left by test runs that died;
// --clean deletes the stopped instances' data as well.
import { rmSync } from 'node:fs';
import { SERVER_NAMES, isRunning, registeredInstances, stopInstance } from './servers.mjs';

const args = process.argv.slice(2);
const everything = args.includes('--everything');
const clean = args.includes('--clean');
const wanted = args.filter((a) => !a.startsWith('--'));
const names = wanted.length === 0 || wanted.includes('all') ? [...SERVER_NAMES] : wanted;
for (const n of names) {
  if (!SERVER_NAMES.includes(n)) {
    console.error(`✗ unknown server "${n}": use ${SERVER_NAMES.join(', ')} or all`);
    process.exit(2);
  }
}

const targets = registeredInstances().filter((r) => (everything ? names.includes(r.name) : names.includes(r.instance)));
if (targets.length === 0) console.log('infra: nothing registered to stop');
for (const record of targets) {
  const running = isRunning(record);
  const t = Date.now();
  await stopInstance(record);
  console.log(running ? `✓ stopped ${record.instance} (pid ${record.pid}) in ${((Date.now() - t) / 1000).toFixed(1)} s` : `✓ ${record.instance} was not running (stale PID file removed)`);
  if (clean) {
    rmSync(record.dir, { recursive: true, force: true });
    console.log(`  removed its data ${record.dir}`);
  }
}
