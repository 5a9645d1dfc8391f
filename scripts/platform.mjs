// Starts the whole platform on one machine, each service its own process, on
// the embedded adapters (or whatever the environment selects). Used by
// `npm start` and by the end-to-end tests, so both run the same thing.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SERVICES from '@onewindow/runtime/ports.json' with { type: 'json' };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICE_ORDER = ['identity', 'intake', 'approval', 'certificate', 'fees', 'notifications', 'routing', 'gateway'];
// Each service's default ports, the table libs/runtime/src/config.ts reads (why these numbers: see there).
const PORTS = Object.entries(SERVICES);

/** Secrets for the embedded mode: generated once per data folder, never a literal in code. */
function embeddedSecrets(dataDir) {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    SERVICES_CLIENT_SECRET: randomBytes(24).toString('base64url'),
    PARTNER_DEMO_SECRET: randomBytes(24).toString('base64url'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/**
 * The environment of every service. `portOffset` moves every port (tests run
 * beside a developer's own `npm start`).
 */
export function platformEnv({ dataDir, portOffset = 0, base = process.env }) {
  const p = (n) => n + portOffset;
  const gatewayUrl = `http://127.0.0.1:${p(SERVICES.gateway.http)}`;
  const identityHttp = `http://127.0.0.1:${p(SERVICES.identity.http)}`;
  const common = {
    ...base,
    DATA_DIR: dataDir,
    OIDC_ISSUER: base.OIDC_ISSUER ?? `${gatewayUrl}/realms/onewindow`,
    ...(base.OIDC_ISSUER ? {} : { OIDC_JWKS_URI: `${identityHttp}/realms/onewindow/protocol/openid-connect/certs` }),
    ...Object.fromEntries(PORTS.filter(([, ports]) => ports.grpc).map(([s, ports]) => [`${s.toUpperCase()}_GRPC_ADDR`, `127.0.0.1:${p(ports.grpc)}`])),
    ...embeddedSecrets(dataDir),
  };
  const env = {};
  for (const s of SERVICE_ORDER) {
    const ports = SERVICES[s];
    env[s] = { ...common, OPS_PORT: String(p(ports.ops)), ...(ports.grpc ? { GRPC_PORT: String(p(ports.grpc)) } : {}) };
  }
  env.identity.HTTP_PORT = String(p(SERVICES.identity.http));
  // Embedded mode issues its own tokens and seeds the demo accounts; with an
  // external issuer (Keycloak) the realm holds the accounts.
  env.identity.ISSUER = base.OIDC_ISSUER ? 'external' : 'embedded';
  if (!base.OIDC_ISSUER && base.ONEWINDOW_ENV !== 'production') env.identity.DEMO_ACCOUNTS = 'true';
  env.gateway.HTTP_PORT = String(p(SERVICES.gateway.http));
  env.gateway.PUBLIC_URL = gatewayUrl;
  if (!base.OIDC_ISSUER) env.gateway.REALM_UPSTREAM_URL = identityHttp;
  env.gateway.READY_URLS = SERVICE_ORDER.filter((s) => s !== 'gateway')
    .map((s) => `${s}=http://127.0.0.1:${p(SERVICES[s].ops)}/readyz`)
    .join(',');
  return { env, gatewayUrl };
}

async function waitFor(url, { timeoutMs, isAlive }) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the process exited');
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (answer.ok) return;
      last = `${answer.status} ${await answer.text()}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`not ready after ${timeoutMs} ms: ${last}`);
}

/** The end of a log, each line cut to 400 characters. */
function lastLines(file, count = 12) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).map((l) => `    ${l.slice(0, 400)}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

/**
 * Eight Node processes share one machine here. V8 lets each one's young
 * generation grow to 3 × 16 MiB; capped at 3 × 4 MiB, the platform peaked at
 * 1.27 GiB instead of 1.68 GiB at 15 cases/s, for the same CPU per case
 * within noise (load-tests/RESULTS.md). On Kubernetes, one service per pod,
 * V8's defaults stay.
 */
const SHARED_MACHINE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=4'];

/** Every loopback port the platform at `portOffset` listens on, named. */
export function platformPorts(portOffset = 0) {
  const p = (n) => n + portOffset;
  return [
    ...PORTS.filter(([, ports]) => ports.http).map(([s, ports]) => ({ port: p(ports.http), what: `${s} HTTP` })),
    ...PORTS.filter(([, ports]) => ports.grpc).map(([s, ports]) => ({ port: p(ports.grpc), what: `${s} gRPC` })),
    ...PORTS.map(([s, ports]) => ({ port: p(ports.ops), what: `${s} ops` })),
  ];
}

/** Ports as runs: 7051, 7052, 7053, 8080 → "7051–7053, 8080". */
function portRanges(ports) {
  const runs = [];
  for (const port of [...ports].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && port === last[1] + 1) last[1] = port;
    else runs.push([port, port]);
  }
  return runs.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(', ');
}

/** The platform ports at `portOffset` that something on 127.0.0.1 already listens on. */
export async function takenPorts(portOffset = 0) {
  const free = (port) =>
    new Promise((resolveFree) => {
      const probe = createServer();
      probe.once('error', () => resolveFree(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolveFree(true)));
    });
  const ports = platformPorts(portOffset);
  const answers = await Promise.all(ports.map(({ port }) => free(port)));
  return ports.filter((_, i) => !answers[i]);
}

/**
 * How the launcher restarts a service that died, as Kubernetes or systemd would:
 * after `initialMs`, doubling with each crash inside `windowMs`, at most `maxMs`.
 * `loopCrashes` crashes inside `windowMs` are a crash loop, reported loudly
 * (the launcher keeps trying at `maxMs`: a fault that clears, such as a full
 * disk, heals without an operator).
 */
export const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 30_000, windowMs: 60_000, loopCrashes: 5 };

/** The wait before the next start of a service that crashed `recent` times inside the window (recent ≥ 1). */
export function backoffDelay(recent, { initialMs, maxMs } = DEFAULT_BACKOFF) {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, recent - 1));
}

/**
 * Starts every service, waits until each is ready and the gateway's /healthz
 * is green, and returns a handle to stop them. Logs go to DATA_DIR/logs.
 * Refuses to start while a platform port is taken: the readiness checks
 * would otherwise be answered by whatever holds it (another `npm start`).
 * Once started, a service that exits is started again with backoff while the
 * others keep serving; each crash goes to `report` and to logs/launcher.log.
 */
export async function startPlatform({
  dataDir = join(ROOT, 'data'),
  portOffset = 0,
  base = process.env,
  progress = () => {},
  report = (line) => console.error(line),
  backoff = DEFAULT_BACKOFF,
  timeoutMs = 60_000,
  nodeArgs = {},
} = {}) {
  dataDir = resolve(dataDir);
  backoff = { ...DEFAULT_BACKOFF, ...backoff };
  const taken = await takenPorts(portOffset);
  if (taken.length > 0) {
    const list =
      taken.length === platformPorts(portOffset).length
        ? `every port it uses (${portRanges(taken.map(({ port }) => port))})`
        : taken.map(({ port, what }) => `${port} (${what})`).join(', ');
    throw new Error(`already in use on 127.0.0.1: ${list}. Is OneWindow already running? Stop it (Ctrl-C where it runs), or free these ports.`);
  }
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const { env, gatewayUrl } = platformEnv({ dataDir, portOffset, base });
  const node = process.execPath;
  const children = new Map();
  let stopping = false;
  let supervising = false;
  const exits = [];
  /** Per service: the times of its recent crashes, and the timer of its pending restart. */
  const crashes = new Map(SERVICE_ORDER.map((name) => [name, []]));
  const pending = new Map();
  const launcherLog = createWriteStream(join(dataDir, 'logs', 'launcher.log'), { flags: 'a' });

  const logOf = (name) => join(dataDir, 'logs', `${name}.log`);
  const readyUrl = (name) => `http://127.0.0.1:${Number(env[name].OPS_PORT)}/readyz`;
  /** One line for the operator (console) and one JSON line for the log shippers (logs/launcher.log). */
  const tell = (level, msg, fields) => {
    launcherLog.write(`${JSON.stringify({ time: new Date().toISOString(), level, component: 'launcher', msg, ...fields })}\n`);
    report(msg);
  };

  const launch = (name) => {
    const main = join(ROOT, 'services', name, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    const log = createWriteStream(logOf(name), { flags: 'a' });
    // nodeArgs: extra Node flags per service (e.g. the load runner's --cpu-prof), `*` for every one.
    const extra = nodeArgs[name] ?? nodeArgs['*'] ?? [];
    const child = spawn(node, [...SHARED_MACHINE_FLAGS, ...extra, main], { env: env[name], stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.alive = true;
    child.exited = new Promise((resolveExit) =>
      child.on('exit', (code, signal) => {
        child.alive = false;
        if (!stopping && !child.replaced) {
          exits.push({ name, code, signal });
          if (supervising) scheduleRestart(name, code, signal);
        }
        resolveExit();
      }),
    );
    children.set(name, child);
    return child;
  };

  const scheduleRestart = (name, code, signal) => {
    const now = Date.now();
    const recent = crashes.get(name).filter((t) => now - t < backoff.windowMs);
    recent.push(now);
    crashes.set(name, recent);
    const delayMs = backoffDelay(recent.length, backoff);
    const how = signal ?? `code ${code}`;
    const fields = { service: name, code, signal, crashes: recent.length, windowMs: backoff.windowMs, restartInMs: delayMs, log: logOf(name) };
    if (recent.length >= backoff.loopCrashes) {
      tell(
        'error',
        `!!! ${name} is crash-looping: ${recent.length} crashes in ${backoff.windowMs / 1000} s (last: ${how}); ` +
          `next start in ${delayMs} ms. The others keep serving; /healthz reports ${name} down. See ${logOf(name)}`,
        fields,
      );
    } else {
      tell('warn', `${name} exited (${how}); starting it again in ${delayMs} ms. See ${logOf(name)}`, fields);
    }
    pending.set(
      name,
      setTimeout(() => {
        pending.delete(name);
        if (stopping) return;
        const started = Date.now();
        const child = launch(name);
        waitFor(readyUrl(name), { timeoutMs, isAlive: () => child.alive }).then(
          () => tell('info', `${name} is back (ready in ${Date.now() - started} ms)`, { service: name, readyInMs: Date.now() - started }),
          // A start that dies is reported by its exit; one that hangs is reported here and keeps its process.
          (err) => child.alive && tell('error', `${name} was started again but is ${err.message}`, { service: name }),
        );
      }, delayMs),
    );
  };

  const stop = async () => {
    stopping = true;
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
    for (const child of children.values()) if (child.alive) child.kill('SIGTERM');
    await Promise.race([
      Promise.all([...children.values()].map((c) => c.exited)),
      new Promise((r) => setTimeout(r, 10_000)),
    ]);
    for (const child of children.values()) if (child.alive) child.kill('SIGKILL');
    await new Promise((r) => launcherLog.end(r));
  };

  try {
    for (const name of SERVICE_ORDER) launch(name);
    await Promise.all(
      SERVICE_ORDER.map(async (name) => {
        const started = Date.now();
        const child = children.get(name);
        await waitFor(readyUrl(name), { timeoutMs, isAlive: () => child.alive }).catch((err) => {
          throw Object.assign(new Error(`${name}: ${err.message} (log: ${logOf(name)})`), { service: name });
        });
        progress(`  ✓ ${name.padEnd(13)} ready in ${Date.now() - started} ms`);
      }),
    );
    await waitFor(`${gatewayUrl}/healthz`, { timeoutMs, isAlive: () => children.get('gateway').alive });
  } catch (err) {
    await stop();
    // The service's last words, read once its log is flushed: test runs remove the data folder afterwards.
    if (err.service) err.message += `\n  last lines of ${err.service}.log:\n${lastLines(logOf(err.service))}`;
    throw err;
  }
  // From here on a service that exits is started again (a start that fails above stops everything: a configuration error).
  supervising = true;
  for (const [name, child] of children) if (!child.alive && !stopping) scheduleRestart(name, child.exitCode, child.signalCode);
  return { gatewayUrl, dataDir, env, children, exits, stop, restart: (name) => restartOne(name) };

  async function restartOne(name) {
    clearTimeout(pending.get(name));
    pending.delete(name);
    const old = children.get(name);
    if (old?.alive) {
      // Replaced on purpose: not a crash for the supervisor.
      old.replaced = true;
      old.kill('SIGKILL');
      await old.exited;
    }
    const child = launch(name);
    await waitFor(readyUrl(name), { timeoutMs, isAlive: () => child.alive });
  }
}
