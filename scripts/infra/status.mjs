#!/usr/bin/env node
// `npm run infra:status`: what is installed in the cache and which registered servers run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, VERSIONS, describe, isRunning, registeredInstances } from './servers.mjs';

console.log(`cache: ${CACHE}`);
for (const [what, dir] of [
  [`kafka ${VERSIONS.kafka}`, join(CACHE, 'kafka', VERSIONS.kafka)],
  [`FerretDB ${VERSIONS.ferretdb}`, join(CACHE, 'ferretdb', VERSIONS.ferretdb)],
  [`keycloak ${VERSIONS.keycloak}`, join(CACHE, 'keycloak', VERSIONS.keycloak)],
]) {
  console.log(`  ${existsSync(join(dir, '.installed.json')) ? '✓ installed' : '· not installed'}  ${what}  ${dir}`);
}
const records = registeredInstances();
if (records.length === 0) console.log('no registered servers');
for (const r of records) {
  console.log(`  ${isRunning(r) ? '● running' : '○ stale  '}  ${r.instance.padEnd(22)} pid ${String(r.pid).padEnd(8)} ${describe(r)}  log ${r.logFile}`);
}
