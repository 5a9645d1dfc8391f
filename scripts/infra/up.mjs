#!/usr/bin/env node
// `npm run infra:up [-- kafka|mongo|keycloak|all] [--install-only]`: installs
// (once, into the cache) and starts the real servers on loopback ports, waits
// until each answers its own protocol, and prints the platform's environment
// for them. Idempotent: a server already running is left as it is.
// Ports: ONEWINDOW_KAFKA_PORT (9092; controller +1), ONEWINDOW_MONGO_PORT
// (27017), ONEWINDOW_KEYCLOAK_PORT (8180; management +10).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, CACHE_PATHS, DEFAULT_PORTS, SERVER_NAMES, ensureInstalled, platformEnvFor, prepareKeycloakTemplate, startServer } from './servers.mjs';

const args = process.argv.slice(2);
const installOnly = args.includes('--install-only');
const wanted = args.filter((a) => !a.startsWith('--'));
const names = wanted.length === 0 || wanted.includes('all') ? [...SERVER_NAMES] : wanted;
for (const n of names) {
  if (!SERVER_NAMES.includes(n)) {
    console.error(`✗ unknown server "${n}": use ${SERVER_NAMES.join(', ')} or all`);
    process.exit(2);
  }
}
const port = (name) => {
  const raw = process.env[`ONEWINDOW_${name.toUpperCase()}_PORT`];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[name];
  const p = Number(raw);
  if (!Number.isInteger(p) || p < 1 || p > 65535) {
    console.error(`✗ ONEWINDOW_${name.toUpperCase()}_PORT=${raw} is not a port`);
    process.exit(2);
  }
  return p;
};

const started = Date.now();
console.log(`infra: cache ${CACHE}`);
try {
  // Installs are independent: run them side by side (downloads overlap builds).
  await Promise.all(names.map((n) => ensureInstalled(n)));
  if (installOnly) {
    if (names.includes('keycloak')) await prepareKeycloakTemplate();
    console.log(`✓ installed ${names.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.exit(0);
  }
  const handles = [];
  for (const n of names) handles.push(await startServer(n, { port: port(n) }));
  const env = platformEnvFor(handles);
  const envFile = join(CACHE_PATHS.run, 'platform.env');
  writeFileSync(envFile, `${Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')}\n`, { mode: 0o600 });
  const shown = Object.entries(env).map(([k, v]) => `${k}=${k.endsWith('SECRET') ? '…' : v}`);
  console.log(`\n✓ up in ${((Date.now() - started) / 1000).toFixed(1)} s. The platform's environment for them (secrets elided):\n\n  ${shown.join('\n  ')}\n`);
  console.log(`Start the platform on them:  set -a; . ${envFile}; set +a; npm start\n`);
  const kc = handles.find((h) => h.name === 'keycloak');
  if (kc) {
    console.log(`Keycloak admin console: ${kc.url}/admin (user admin; password and the test client secrets in ${join(kc.dir, 'secrets.json')})`);
  }
  console.log(`Logs: ${join(CACHE_PATHS.state, '<server>', 'server.log')}; stop with npm run infra:down`);
} catch (err) {
  console.error(`\n✗ ${err.message}`);
  process.exit(1);
}
