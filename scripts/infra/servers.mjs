// Real servers for the cluster mode, on this machine, without Docker: an Apache
// Kafka broker (KRaft, jars from Maven Central), a MongoDB-wire server
// (FerretDB v1 on SQLite, built from the Go module proxy) and Keycloak (the
// server distribution from Maven Central). Installs are cached under
// ONEWINDOW_CACHE (default ~/.cache/onewindow), keyed by version; servers are
// started on loopback ports, probed for real readiness over their own
// protocols, registered with PID files under <cache>/run, and stopped by
// process group. Used by scripts/infra/{up,down,status}.mjs and by the
// cluster tests' global setup (test/cluster/global-setup.ts).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
  lstatSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, isAlive, withLock } from '../lib/cache.mjs';

export { CACHE };

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REALM_FILE = join(ROOT, 'deploy', 'keycloak', 'onewindow-realm.json');
export const REALM = 'onewindow';

/**
 * Versions are part of every cache path: bumping one installs beside the old.
 * ONEWINDOW_{KAFKA,FERRETDB,KEYCLOAK}_VERSION try another one without editing this file.
 */
export const VERSIONS = Object.freeze({
  kafka: process.env.ONEWINDOW_KAFKA_VERSION || '4.1.1',
  ferretdb: process.env.ONEWINDOW_FERRETDB_VERSION || '1.24.0',
  keycloak: process.env.ONEWINDOW_KEYCLOAK_VERSION || '26.7.3',
});
export const SERVER_NAMES = Object.freeze(['kafka', 'mongo', 'keycloak']);
/** The ports `up.mjs` uses: the same as docker-compose.yml publishes. */
export const DEFAULT_PORTS = Object.freeze({ kafka: 9092, mongo: 27017, keycloak: 8180 });

const KAFKA_JARS = [
  ['org.apache.kafka', 'kafka_2.13', VERSIONS.kafka],
  ['org.slf4j', 'slf4j-api', '2.0.17'],
  ['org.apache.logging.log4j', 'log4j-slf4j2-impl', '2.24.3'],
  ['org.apache.logging.log4j', 'log4j-core', '2.24.3'],
];
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
/** Environment variables the realm file's placeholders name, plus the master realm's bootstrap admin password. */
const KEYCLOAK_SECRETS = ['ONEWINDOW_SERVICES_CLIENT_SECRET', 'ONEWINDOW_PARTNER_DEMO_SECRET', 'ONEWINDOW_IDENTITY_ADMIN_SECRET', 'KC_BOOTSTRAP_ADMIN_PASSWORD'];
/** Build-time options baked into the Keycloak install (`kc.sh build`); runtime ones are given at start. */
const KEYCLOAK_BUILD_OPTIONS = ['--db=dev-file', '--health-enabled=true', '--metrics-enabled=false'];

export class InfraError extends Error {
  constructor(message, { logFile } = {}) {
    super(logFile ? `${message}\n  log: ${logFile}` : message);
    this.name = 'InfraError';
    this.logFile = logFile;
  }
}

const defaultLog = (line) => console.log(line);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const paths = {
  logs: join(CACHE, 'logs'),
  run: join(CACHE, 'run'),
  state: join(CACHE, 'state'),
  m2: join(CACHE, 'm2'),
};

/** The end of a log, or its error lines when it has some (Maven's are otherwise buried under download lines). */
function tail(file, lines = 25) {
  try {
    const all = readFileSync(file, 'utf8').replaceAll(`${String.fromCharCode(27)}[0m`, '').trimEnd().split('\n');
    const errors = all.filter((l) => /^\[ERROR\] \S|\bERROR\b|level=ERROR|^Error|^Exception|FATAL/.test(l));
    return (errors.length > 0 ? errors.slice(0, 8) : all.slice(-lines)).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

// ---------------------------------------------------------------- processes

/**
 * Runs a command to completion, its output appended to `logFile`, printing a
 * heartbeat with `progress()` every 15 s. Throws an InfraError naming the step
 * and the log, with the log's last lines, when it fails.
 */
function run(title, cmd, args, { cwd, env, logFile, log = defaultLog, progress } = {}) {
  return new Promise((resolvePromise, reject) => {
    appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}\n`);
    const out = openSync(logFile, 'a');
    const started = Date.now();
    let child;
    try {
      child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    } catch (err) {
      closeSync(out);
      reject(new InfraError(`${title}: could not run ${cmd}: ${err.message}`, { logFile }));
      return;
    }
    const beat = setInterval(() => {
      const extra = progress ? progress() : '';
      log(`  … ${title}: ${seconds(Date.now() - started)}${extra ? ` (${extra})` : ''}`);
    }, 15_000);
    child.on('error', (err) => {
      clearInterval(beat);
      closeSync(out);
      reject(new InfraError(`${title}: could not run ${cmd}: ${err.message}`, { logFile }));
    });
    child.on('exit', (code, signal) => {
      clearInterval(beat);
      closeSync(out);
      if (code === 0) resolvePromise(Date.now() - started);
      else reject(new InfraError(`${title} failed (${signal ?? `exit ${code}`}) after ${seconds(Date.now() - started)}; last lines:\n${tail(logFile)}`, { logFile }));
    });
  });
}

function requireTool(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new InfraError(`${cmd} is needed ${what}, but \`${cmd} ${args.join(' ')}\` failed: ${r.error?.message ?? r.stderr.trim()}`);
  return `${r.stdout}${r.stderr}`;
}

/** Live processes of a process group (Linux /proc; falls back to the leader alone). */
function groupMembers(pgid) {
  if (!existsSync('/proc/self/stat')) return isAlive(pgid) ? [pgid] : [];
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return members;
}

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. Resolves once every member is gone. */
async function stopGroup(pgid, { graceMs = 30_000, signal = 'SIGTERM' } = {}) {
  const signalGroup = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      try {
        process.kill(pgid, sig);
      } catch {
        // already gone
      }
    }
  };
  signalGroup(signal);
  const deadline = Date.now() + graceMs;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > deadline) {
      signalGroup('SIGKILL');
      await sleep(200);
      if (Date.now() > deadline + 5_000) break;
    }
    await sleep(100);
  }
}

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------- Java

let javaCandidates;
function javaHomes() {
  if (javaCandidates) return javaCandidates;
  const homes = new Set();
  for (const h of [process.env.ONEWINDOW_JAVA_HOME, process.env.JAVA_HOME]) if (h) homes.add(h);
  if (existsSync('/usr/lib/jvm')) for (const d of readdirSync('/usr/lib/jvm')) homes.add(join('/usr/lib/jvm', d));
  const which = spawnSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).stdout.trim();
  if (which) homes.add(resolve(realpathSync(which), '..', '..'));
  const seen = new Set();
  javaCandidates = [];
  for (const home of homes) {
    const java = join(home, 'bin', 'java');
    if (!existsSync(java)) continue;
    const real = realpathSync(java);
    if (seen.has(real)) continue;
    seen.add(real);
    const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
    const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
    if (!m) continue;
    const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
    javaCandidates.push({ home: resolve(real, '..', '..'), java: real, major, explicit: home === process.env.ONEWINDOW_JAVA_HOME });
  }
  return javaCandidates;
}

/** A JDK the server supports, in order of preference; ONEWINDOW_JAVA_HOME wins when it is supported. */
function findJava(server, supported) {
  const all = javaHomes();
  const usable = all.filter((c) => supported.includes(c.major));
  const chosen = usable.find((c) => c.explicit) ?? supported.map((major) => usable.find((c) => c.major === major)).find(Boolean);
  if (!chosen) {
    throw new InfraError(
      `${server} needs Java ${supported.join(', ')}; found ${all.map((c) => `${c.major} (${c.home})`).join(', ') || 'none'}. ` +
        'Install one (apt-get install openjdk-17-jdk-headless) or set ONEWINDOW_JAVA_HOME.',
    );
  }
  return chosen;
}

/** `go` from the path, else where the official tarball installs it. */
function goBinary() {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0) return 'go';
  for (const candidate of [process.env.GOROOT && join(process.env.GOROOT, 'bin', 'go'), '/usr/local/go/bin/go'].filter(Boolean)) {
    if (existsSync(candidate)) return candidate;
  }
  return 'go';
}

// ---------------------------------------------------------------- installs

function installLog(name) {
  mkdirSync(paths.logs, { recursive: true });
  return join(paths.logs, `install-${name}.log`);
}

function readMarker(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, '.installed.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function countLines(file, pattern) {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => pattern.test(l)).length;
  } catch {
    return 0;
  }
}

const INSTALLERS = {
  async kafka({ log }) {
    const version = VERSIONS.kafka;
    const dir = join(CACHE, 'kafka', version);
    const java = findJava('Kafka', [21, 17, 25]);
    if (readMarker(dir)) return { name: 'kafka', version, dir, libs: join(dir, 'libs'), java, cached: true };
    return withLock(`kafka-${version}`, async () => {
      if (readMarker(dir)) return { name: 'kafka', version, dir, libs: join(dir, 'libs'), java, cached: true };
      requireTool('mvn', ['-v'], 'to fetch Kafka from Maven Central (apt-get install maven)');
      const logFile = installLog('kafka');
      writeFileSync(logFile, `install Kafka ${version} ${new Date().toISOString()}\n`);
      const partial = `${dir}.partial`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial, { recursive: true });
      const deps = KAFKA_JARS.map(([g, a, v]) => `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`);
      writeFileSync(
        join(partial, 'pom.xml'),
        `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>\n` +
          `<groupId>onewindow.infra</groupId><artifactId>kafka-runtime</artifactId><version>${version}</version><packaging>pom</packaging>\n` +
          `<dependencies>\n${deps.join('\n')}\n</dependencies></project>\n`,
      );
      log(`▶ kafka ${version}: fetching the broker's jars from Maven Central (mvn, into ${dir})`);
      const ms = await run(`kafka ${version} download`, 'mvn', [
        '-B', '-U', '-f', join(partial, 'pom.xml'), `-Dmaven.repo.local=${paths.m2}`,
        `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${join(partial, 'libs')}`, '-DincludeScope=runtime',
      ], { logFile, log, progress: () => `${countLines(logFile, /Downloaded from/)} files downloaded` });
      const jars = readdirSync(join(partial, 'libs')).filter((f) => f.endsWith('.jar'));
      if (!jars.some((j) => j.startsWith(`kafka_2.13-${version}`))) throw new InfraError(`kafka ${version}: the broker jar is missing after download`, { logFile });
      writeFileSync(join(partial, '.installed.json'), JSON.stringify({ version, jars: jars.length, at: new Date().toISOString() }, null, 2));
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
      log(`✓ kafka ${version}: ${jars.length} jars in ${seconds(ms)}`);
      return { name: 'kafka', version, dir, libs: join(dir, 'libs'), java, cached: false };
    }, log);
  },

  async mongo({ log }) {
    const version = VERSIONS.ferretdb;
    const dir = join(CACHE, 'ferretdb', version);
    const binary = join(dir, 'bin', 'ferretdb');
    if (readMarker(dir) && existsSync(binary)) return { name: 'mongo', server: 'FerretDB', version, dir, binary, cached: true };
    return withLock(`ferretdb-${version}`, async () => {
      if (readMarker(dir) && existsSync(binary)) return { name: 'mongo', server: 'FerretDB', version, dir, binary, cached: true };
      const go = goBinary();
      const goVersion = requireTool(go, ['version'], 'to build FerretDB from the Go module proxy (Go 1.22 or newer)');
      const m = /go(\d+)\.(\d+)/.exec(goVersion);
      if (!m || Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 22)) throw new InfraError(`FerretDB ${version} needs Go 1.22 or newer; found: ${goVersion.trim()}`);
      const logFile = installLog('ferretdb');
      writeFileSync(logFile, `install FerretDB ${version} ${new Date().toISOString()}\n`);
      const partial = `${dir}.partial`;
      rmSync(partial, { recursive: true, force: true });
      mkdirSync(partial, { recursive: true });
      // Private Go caches, removed once the binary exists: the binary is what is cached.
      const goEnv = {
        GOMODCACHE: join(partial, 'gomod'),
        GOCACHE: join(partial, 'gocache'),
        GOPATH: join(partial, 'gopath'),
        GOFLAGS: '-modcacherw',
        GOTOOLCHAIN: 'local',
        CGO_ENABLED: '0',
      };
      // `go install …@v1.24.0` cannot be used: it asks the proxy for the module's
      // version list (refused here) and the module zip lacks the generated
      // build/version/version.txt. So: download the module, add the version file, build.
      log(`▶ mongo (FerretDB ${version}): downloading ${FERRETDB_MODULE}@v${version} from the Go module proxy`);
      const infoFile = join(partial, 'module.json');
      const out = openSync(infoFile, 'w');
      const dl = spawnSync(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@v${version}`], { cwd: partial, env: { ...process.env, ...goEnv }, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
      closeSync(out);
      appendFileSync(logFile, `${readFileSync(infoFile, 'utf8')}\n${dl.stderr ?? ''}\n`);
      let info;
      try {
        info = JSON.parse(readFileSync(infoFile, 'utf8'));
      } catch {
        info = {};
      }
      if (dl.status !== 0 || !info.Dir) throw new InfraError(`FerretDB ${version}: go mod download failed: ${info.Error ?? dl.stderr?.trim() ?? dl.error?.message}`, { logFile });
      const src = join(partial, 'src');
      spawnSync('cp', ['-R', info.Dir, src]);
      spawnSync('chmod', ['-R', 'u+w', src]);
      writeFileSync(join(src, 'build', 'version', 'version.txt'), `v${version}\n`);
      if (info.Origin?.Hash) writeFileSync(join(src, 'build', 'version', 'commit.txt'), `${info.Origin.Hash}\n`);
      writeFileSync(join(src, 'build', 'version', 'package.txt'), 'onewindow-infra\n');
      log(`▶ mongo (FerretDB ${version}): building ./cmd/ferretdb (first time only, a few minutes on 2 cores)`);
      mkdirSync(join(partial, 'bin'), { recursive: true });
      const ms = await run(`FerretDB ${version} build`, go, ['build', '-trimpath', '-o', join(partial, 'bin', 'ferretdb'), './cmd/ferretdb'], {
        cwd: src,
        env: goEnv,
        logFile,
        log,
        progress: () => `${countLines(logFile, /^go: downloading/)} modules downloaded`,
      });
      const check = spawnSync(join(partial, 'bin', 'ferretdb'), ['--version'], { encoding: 'utf8' });
      appendFileSync(logFile, `${check.stdout}${check.stderr}`);
      if (check.status !== 0 || !check.stdout.includes(`v${version}`)) throw new InfraError(`FerretDB ${version}: the built binary does not run (--version)`, { logFile });
      for (const d of ['src', 'gomod', 'gocache', 'gopath']) rmSync(join(partial, d), { recursive: true, force: true });
      writeFileSync(join(partial, '.installed.json'), JSON.stringify({ version, commit: info.Origin?.Hash, at: new Date().toISOString() }, null, 2));
      rmSync(dir, { recursive: true, force: true });
      renameSync(partial, dir);
      log(`✓ mongo (FerretDB ${version}): built in ${seconds(ms)}`);
      return { name: 'mongo', server: 'FerretDB', version, dir, binary, cached: false };
    }, log);
  },

  async keycloak({ log }) {
    const version = VERSIONS.keycloak;
    const dir = join(CACHE, 'keycloak', version);
    const java = findJava('Keycloak', [25, 21, 17]);
    const built = (marker) => marker && JSON.stringify(marker.buildOptions) === JSON.stringify(KEYCLOAK_BUILD_OPTIONS) && marker.javaMajor === java.major;
    if (built(readMarker(dir))) return { name: 'keycloak', version, dir, java, cached: true };
    return withLock(`keycloak-${version}`, async () => {
      if (built(readMarker(dir))) return { name: 'keycloak', version, dir, java, cached: true };
      const logFile = installLog('keycloak');
      writeFileSync(logFile, `install Keycloak ${version} ${new Date().toISOString()}\n`);
      let total = 0;
      if (!readMarker(dir)) {
        requireTool('mvn', ['-v'], 'to fetch Keycloak from Maven Central (apt-get install maven)');
        const partial = `${dir}.partial`;
        rmSync(partial, { recursive: true, force: true });
        mkdirSync(partial, { recursive: true });
        log(`▶ keycloak ${version}: downloading org.keycloak:keycloak-quarkus-dist:${version}:zip from Maven Central (~180 MB)`);
        const zipDir = join(partial, 'zip');
        const zip = join(zipDir, `keycloak-quarkus-dist-${version}.zip`);
        total += await run(`keycloak ${version} download`, 'mvn', [
          '-B', '-U', `-Dmaven.repo.local=${paths.m2}`, `${DEPENDENCY_PLUGIN}:copy`,
          `-Dartifact=org.keycloak:keycloak-quarkus-dist:${version}:zip`, `-DoutputDirectory=${zipDir}`,
        ], { cwd: partial, logFile, log, progress: () => {
          const inRepo = join(paths.m2, 'org', 'keycloak', 'keycloak-quarkus-dist', version);
          try {
            const bytes = readdirSync(inRepo).reduce((sum, f) => sum + statSync(join(inRepo, f)).size, 0);
            return `${(bytes / 2 ** 20).toFixed(0)} MB so far`;
          } catch {
            return 'resolving';
          }
        } });
        log(`▶ keycloak ${version}: unpacking`);
        if (spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0) {
          total += await run(`keycloak ${version} unzip`, 'unzip', ['-q', zip, '-d', join(partial, 'unpacked')], { logFile, log });
        } else {
          total += await run(`keycloak ${version} unzip`, 'python3', ['-m', 'zipfile', '-e', zip, join(partial, 'unpacked')], { logFile, log });
          spawnSync('chmod', ['+x', ...readdirSync(join(partial, 'unpacked', `keycloak-${version}`, 'bin')).filter((f) => f.endsWith('.sh')).map((f) => join(partial, 'unpacked', `keycloak-${version}`, 'bin', f))]);
        }
        rmSync(dir, { recursive: true, force: true });
        renameSync(join(partial, 'unpacked', `keycloak-${version}`), dir);
        rmSync(partial, { recursive: true, force: true });
        // The zip stays re-downloadable; the unpacked server is what is cached.
        rmSync(join(paths.m2, 'org', 'keycloak', 'keycloak-quarkus-dist', version), { recursive: true, force: true });
        writeFileSync(join(dir, '.installed.json'), JSON.stringify({ version, at: new Date().toISOString() }, null, 2));
      }
      log(`▶ keycloak ${version}: kc.sh build ${KEYCLOAK_BUILD_OPTIONS.join(' ')} (Java ${java.major}; first time only, 1–3 minutes)`);
      total += await run(`keycloak ${version} build`, join(dir, 'bin', 'kc.sh'), ['build', ...KEYCLOAK_BUILD_OPTIONS], {
        env: { JAVA_HOME: java.home, JAVA: java.java },
        logFile,
        log,
      });
      writeFileSync(join(dir, '.installed.json'), JSON.stringify({ version, buildOptions: KEYCLOAK_BUILD_OPTIONS, javaMajor: java.major, at: new Date().toISOString() }, null, 2));
      log(`✓ keycloak ${version}: installed and built in ${seconds(total)}`);
      return { name: 'keycloak', version, dir, java, cached: false };
    }, log);
  },
};

/**
 * Installs a server into the cache once (later calls return at once).
 * name: kafka | mongo | keycloak.
 */
export async function ensureInstalled(name, { log = defaultLog } = {}) {
  const installer = INSTALLERS[name];
  if (!installer) throw new InfraError(`unknown server "${name}" (one of ${SERVER_NAMES.join(', ')})`);
  mkdirSync(CACHE, { recursive: true });
  return installer({ log });
}

// ---------------------------------------------------------------- probes

/** Sends one Kafka request (non-flexible header v1) and returns the response body after the correlation id. */
function kafkaRequest(port, apiKey, apiVersion, body, timeoutMs = 2000) {
  return new Promise((resolvePromise, reject) => {
    const clientId = Buffer.from('onewindow-infra-probe');
    const header = Buffer.alloc(10);
    header.writeInt16BE(apiKey, 0);
    header.writeInt16BE(apiVersion, 2);
    header.writeInt32BE(7, 4);
    header.writeInt16BE(clientId.length, 8);
    const payload = Buffer.concat([header, clientId, body]);
    const size = Buffer.alloc(4);
    size.writeInt32BE(payload.length);
    const socket = connect({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error('no answer'));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(Buffer.concat([size, payload])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= 4 + received.readInt32BE(0)) {
        socket.destroy();
        resolvePromise(received.subarray(8, 4 + received.readInt32BE(0)));
      }
    });
  });
}

/** The broker answers ApiVersions and a Metadata request that names at least one live broker and the controller. */
export async function probeKafka(port) {
  const versions = await kafkaRequest(port, 18, 0, Buffer.alloc(0));
  if (versions.readInt16BE(0) !== 0) throw new Error(`ApiVersions error ${versions.readInt16BE(0)}`);
  const n = versions.readInt32BE(2);
  let metadata;
  for (let i = 0; i < n; i++) {
    const o = 6 + i * 6;
    if (versions.readInt16BE(o) === 3) metadata = { min: versions.readInt16BE(o + 2), max: versions.readInt16BE(o + 4) };
  }
  if (!metadata) throw new Error('the broker does not offer Metadata');
  const v = Math.min(8, metadata.max);
  if (v < Math.max(4, metadata.min)) throw new Error(`no Metadata version between 4 and 8 (broker offers ${metadata.min}–${metadata.max})`);
  const body = Buffer.alloc(v >= 8 ? 7 : 5);
  body.writeInt32BE(0, 0); // no topics
  body.writeInt8(0, 4); // allow_auto_topic_creation=false
  const answer = await kafkaRequest(port, 3, v, body);
  let o = 4; // throttle_time_ms
  const brokers = answer.readInt32BE(o);
  o += 4;
  for (let i = 0; i < brokers; i++) {
    o += 4;
    o += 2 + answer.readInt16BE(o);
    o += 4;
    const rack = answer.readInt16BE(o);
    o += 2 + Math.max(rack, 0);
  }
  const cluster = answer.readInt16BE(o);
  o += 2 + Math.max(cluster, 0);
  const controller = answer.readInt32BE(o);
  if (brokers < 1 || controller < 0) throw new Error(`metadata names ${brokers} brokers, controller ${controller}`);
  return { brokers, controller };
}

function bsonDocument(fields) {
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    const key = Buffer.from(`${name}\0`);
    if (typeof value === 'number') {
      const v = Buffer.alloc(4);
      v.writeInt32LE(value);
      parts.push(Buffer.from([0x10]), key, v);
    } else {
      const s = Buffer.from(`${value}\0`);
      const len = Buffer.alloc(4);
      len.writeInt32LE(s.length);
      parts.push(Buffer.from([0x02]), key, len, s);
    }
  }
  const body = Buffer.concat([...parts, Buffer.from([0])]);
  const len = Buffer.alloc(4);
  len.writeInt32LE(body.length + 4);
  return Buffer.concat([len, body]);
}

/** Top-level fields of a BSON document that are numbers or strings (enough to read `ok`, `version`, `errmsg`). */
function bsonFields(doc) {
  const out = {};
  let o = 4;
  const end = doc.readInt32LE(0) - 1;
  const sizes = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16 };
  while (o < end) {
    const type = doc[o];
    const nameEnd = doc.indexOf(0, o + 1);
    const name = doc.toString('utf8', o + 1, nameEnd);
    o = nameEnd + 1;
    if (type === 0x01) out[name] = doc.readDoubleLE(o);
    else if (type === 0x10) out[name] = doc.readInt32LE(o);
    else if (type === 0x08) out[name] = doc[o] === 1;
    else if (type === 0x02) out[name] = doc.toString('utf8', o + 4, o + 4 + doc.readInt32LE(o) - 1);
    if (type === 0x02) o += 4 + doc.readInt32LE(o);
    else if (type === 0x03 || type === 0x04) o += doc.readInt32LE(o);
    else if (type === 0x05) o += 5 + doc.readInt32LE(o);
    else if (sizes[type] !== undefined) o += sizes[type];
    else break;
  }
  return out;
}

/** One MongoDB wire command (OP_MSG) against the server; returns the reply's simple fields. */
export function mongoCommand(port, command, timeoutMs = 2000) {
  return new Promise((resolvePromise, reject) => {
    const doc = bsonDocument({ ...command, $db: 'admin' });
    const header = Buffer.alloc(21);
    header.writeInt32LE(21 + doc.length, 0);
    header.writeInt32LE(1, 4);
    header.writeInt32LE(0, 8);
    header.writeInt32LE(2013, 12); // OP_MSG
    header.writeUInt32LE(0, 16); // flags
    header[20] = 0; // section kind 0: body
    const socket = connect({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error('no answer'));
    });
    socket.once('error', reject);
    socket.once('connect', () => socket.write(Buffer.concat([header, doc])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && received.length >= received.readInt32LE(0)) {
        socket.destroy();
        try {
          resolvePromise(bsonFields(received.subarray(21, received.readInt32LE(0))));
        } catch (err) {
          reject(err);
        }
      }
    });
  });
}

export async function probeMongo(port) {
  const ping = await mongoCommand(port, { ping: 1 });
  if (ping.ok !== 1) throw new Error(`ping answered ok=${ping.ok} ${ping.errmsg ?? ''}`);
  const info = await mongoCommand(port, { buildInfo: 1 });
  return { version: info.version, ferretdb: info.ferretdbVersion };
}

async function getJson(url) {
  const answer = await fetch(url, { signal: AbortSignal.timeout(2000) });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${url}: ${answer.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

export async function probeKeycloak(url, managementPort) {
  const health = await getJson(`http://127.0.0.1:${managementPort}/health/ready`);
  if (health.status !== 'UP') throw new Error(`health/ready: ${JSON.stringify(health)}`);
  const issuer = `${url}/realms/${REALM}`;
  const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);
  if (discovery.issuer !== issuer) throw new Error(`the realm names issuer ${discovery.issuer}, expected ${issuer}`);
  const jwks = await getJson(discovery.jwks_uri);
  if (!jwks.keys?.some((k) => k.use === 'sig')) throw new Error('the realm publishes no signing key');
  return { issuer };
}

// ---------------------------------------------------------------- servers

function registryFile(instance, ext = 'json') {
  return join(paths.run, `${instance}.${ext}`);
}

/** Every instance scripts/infra started and registered (running or not). */
export function registeredInstances() {
  if (!existsSync(paths.run)) return [];
  return readdirSync(paths.run)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      try {
        return JSON.parse(readFileSync(join(paths.run, f), 'utf8'));
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

/** The registered pid is still our server: alive, and its command line names the instance's directory. */
export function isRunning(record) {
  return Boolean(record?.pid) && isAlive(record.pid) && cmdline(record.pid).includes(record.dir);
}

function unregister(instance) {
  for (const ext of ['json', 'pid']) {
    try {
      unlinkSync(registryFile(instance, ext));
    } catch {
      // not there
    }
  }
}

/** Stops a registered instance (by its process group) and removes its PID files. */
export async function stopInstance(record, { signal = 'SIGTERM', graceMs = 30_000 } = {}) {
  if (isRunning(record)) await stopGroup(record.pid, { signal, graceMs });
  unregister(record.instance);
}

function addresses(record) {
  const { name, ports } = record;
  if (name === 'kafka') return { brokers: `127.0.0.1:${ports.port}` };
  if (name === 'mongo') return { url: `mongodb://127.0.0.1:${ports.port}/` };
  const url = `http://127.0.0.1:${ports.port}`;
  return { url, issuer: `${url}/realms/${REALM}`, managementUrl: `http://127.0.0.1:${ports.managementPort}` };
}

function ensureSymlink(target, link) {
  try {
    if (lstatSync(link).isSymbolicLink() || existsSync(link)) rmSync(link, { recursive: true, force: true });
  } catch {
    // absent
  }
  symlinkSync(target, link);
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Writes the server's configuration into its directory and returns how to run it. */
function prepare(name, install, dir, ports, opts) {
  if (name === 'kafka') {
    const logs = join(dir, 'kraft-logs');
    mkdirSync(logs, { recursive: true });
    const properties = join(dir, 'server.properties');
    writeFileSync(
      properties,
      [
        '# written by scripts/infra/servers.mjs at every start',
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${ports.controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${ports.port},CONTROLLER://127.0.0.1:${ports.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.port}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        `log.dirs=${logs}`,
        'num.partitions=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=10',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        'delete.topic.enable=true',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'log4j2.properties'),
      [
        'status = warn',
        'appender.out.type = Console',
        'appender.out.name = OUT',
        'appender.out.layout.type = PatternLayout',
        'appender.out.layout.pattern = [%d] %p %m (%c)%n',
        'rootLogger.level = info',
        'rootLogger.appenderRef.out.ref = OUT',
        'logger.state.name = state.change.logger',
        'logger.state.level = warn',
        'logger.request.name = kafka.request.logger',
        'logger.request.level = warn',
        '',
      ].join('\n'),
    );
    const jvm = [
      `-Xms128m`, `-Xmx${opts.heapMb ?? 512}m`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`, `-Dkafka.logs.dir=${dir}`,
      '-cp', `${install.libs}/*`,
    ];
    const format = existsSync(join(logs, 'meta.properties'))
      ? undefined
      : { cmd: install.java.java, args: [...jvm, 'kafka.tools.StorageTool', 'format', '-t', randomBytes(16).toString('base64url'), '-c', properties, '--ignore-formatted'] };
    return { before: format, cmd: install.java.java, args: [...jvm, 'kafka.Kafka', properties], env: {} };
  }
  if (name === 'mongo') {
    mkdirSync(join(dir, 'sqlite'), { recursive: true });
    return {
      cmd: install.binary,
      args: [
        '--handler=sqlite', `--sqlite-url=file:${join(dir, 'sqlite')}/`, `--listen-addr=127.0.0.1:${ports.port}`,
        `--state-dir=${dir}`, '--debug-addr=-', '--telemetry=disable', '--log-level=info', '--log-format=text',
      ],
      env: {},
    };
  }
  // keycloak: an instance directory of its own (conf, data, imported realm, secrets)
  // sharing the built server's lib, providers and themes through symlinks.
  mkdirSync(join(dir, 'conf'), { recursive: true });
  mkdirSync(join(dir, 'data', 'import'), { recursive: true });
  for (const shared of ['lib', 'providers', 'themes']) ensureSymlink(join(install.dir, shared), join(dir, shared));
  if (!existsSync(join(dir, 'conf', 'keycloak.conf'))) copyFileSync(join(install.dir, 'conf', 'keycloak.conf'), join(dir, 'conf', 'keycloak.conf'));
  const realmFile = opts.realmFile ?? REALM_FILE;
  const realmHash = sha256(realmFile);
  const hashFile = join(dir, 'realm.sha256');
  const h2 = join(dir, 'data', 'h2');
  if (existsSync(h2) && (!existsSync(hashFile) || readFileSync(hashFile, 'utf8').trim() !== realmHash)) {
    opts.log(`  ! keycloak: ${realmFile} changed since this instance imported it: resetting its database to import it again`);
    rmSync(h2, { recursive: true, force: true });
  }
  copyFileSync(realmFile, join(dir, 'data', 'import', 'onewindow-realm.json'));
  writeFileSync(hashFile, `${realmHash}\n`);
  // Test-only secrets of this instance, generated once: the realm file's
  // ${...} placeholders for the confidential clients, and the master admin.
  const secretsFile = join(dir, 'secrets.json');
  const secrets = existsSync(secretsFile) ? JSON.parse(readFileSync(secretsFile, 'utf8')) : {};
  const missing = KEYCLOAK_SECRETS.filter((name) => !secrets[name]);
  for (const name of missing) secrets[name] = randomBytes(24).toString('base64url');
  if (missing.length > 0) writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  const url = `http://127.0.0.1:${ports.port}`;
  return {
    cmd: join(install.dir, 'bin', 'kc.sh'),
    args: [
      `-Dkc.home.dir=${dir}`, `-Djboss.server.config.dir=${join(dir, 'conf')}`,
      'start', '--optimized', '--http-enabled=true', '--http-host=127.0.0.1', `--http-port=${ports.port}`,
      `--hostname=${url}`, `--http-management-port=${ports.managementPort}`, '--cache=local', '--import-realm',
      '--log-console-color=false',
    ],
    env: {
      JAVA_HOME: install.java.home,
      JAVA: install.java.java,
      JAVA_OPTS_KC_HEAP: `-Xms64m -Xmx${opts.heapMb ?? 512}m`,
      KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
      ...secrets,
    },
    secrets,
  };
}

function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/**
 * A Keycloak database with the realm already imported, made once per
 * (Keycloak version, realm file) by a start and a clean stop. A fresh
 * instance starts from a copy of it: about half the start-up time of
 * creating the schema and importing the realm on every test run.
 */
async function keycloakTemplate(install, realmFile, log) {
  const hash = sha256(realmFile);
  const dir = join(CACHE, 'keycloak', 'templates', `${install.version}-${hash.slice(0, 16)}`);
  if (existsSync(join(dir, 'ready'))) return dir;
  return withLock(`keycloak-template-${install.version}`, async () => {
    if (existsSync(join(dir, 'ready'))) return dir;
    const work = `${dir}.partial`;
    rmSync(work, { recursive: true, force: true });
    log(`▶ keycloak: preparing a database with the realm imported (once per realm file version)`);
    // On failure the work folder stays, for its server.log (named in the error); the next attempt removes it.
    const handle = await startServer('keycloak', {
      instance: `keycloak-template-${process.pid}`,
      port: await freePort(),
      managementPort: await freePort(),
      dataDir: work,
      fresh: true,
      ifRunning: 'restart',
      realmFile,
      template: false,
      log,
    });
    await handle.stop();
    mkdirSync(dir, { recursive: true });
    for (const item of ['secrets.json', 'realm.sha256']) copyFileSync(join(work, item), join(dir, item));
    rmSync(join(dir, 'h2'), { recursive: true, force: true });
    renameSync(join(work, 'data', 'h2'), join(dir, 'h2'));
    rmSync(work, { recursive: true, force: true });
    writeFileSync(join(dir, 'ready'), new Date().toISOString());
    // Templates of older realm files are of no use any more.
    const templates = dirname(dir);
    // (Under the lock no other process is making a template of this version.)
    for (const other of readdirSync(templates)) if (join(templates, other) !== dir) rmSync(join(templates, other), { recursive: true, force: true });
    return dir;
  }, log);
}

/** Makes the Keycloak template database now (up.mjs --install-only), so the first test run does not. */
export async function prepareKeycloakTemplate({ log = defaultLog, realmFile = REALM_FILE } = {}) {
  return keycloakTemplate(await ensureInstalled('keycloak', { log }), realmFile, log);
}

const PROBES = {
  kafka: (record) => probeKafka(record.ports.port),
  mongo: (record) => probeMongo(record.ports.port),
  keycloak: (record) => probeKeycloak(addresses(record).url, record.ports.managementPort),
};

function defaultPorts(name, port) {
  if (name === 'kafka') return { port, controllerPort: port + 1 };
  if (name === 'keycloak') return { port, managementPort: port + 10 };
  return { port };
}

function handleFor(record, child, startOptions) {
  const handle = {
    ...record,
    ...addresses(record),
    logFile: record.logFile,
    /** Resolves when the server answers its readiness probe. */
    probe: () => PROBES[record.name](record),
    /** Stops the server (SIGTERM to its process group, SIGKILL after the grace period). `signal: 'SIGKILL'` crashes it instead. */
    async stop({ signal = 'SIGTERM', graceMs } = {}) {
      // The child is unref'd (infra:up exits and leaves it running); hold the
      // event loop open until its exit is delivered, or Node may quit mid-stop.
      child?.ref();
      await stopInstance(record, { signal, graceMs });
      if (child) await child.exitedPromise;
    },
    /** Stops (or with `crash: true` kills) the server and starts it again on the same ports and data. */
    async restart({ crash = false } = {}) {
      await handle.stop({ signal: crash ? 'SIGKILL' : 'SIGTERM' });
      return startServer(record.name, { ...startOptions, fresh: false, ifRunning: 'restart' });
    },
  };
  return handle;
}

/**
 * Starts a server (installing it first if needed) and resolves once it
 * answers its readiness probe, with a handle that can stop it.
 *
 * options: port (default DEFAULT_PORTS[name]), controllerPort (kafka, default
 * port+1), managementPort (keycloak, default port+10), instance (name of the
 * registration, default the server name), dataDir (default
 * <cache>/state/<instance>), fresh (wipe the data first), ifRunning ('reuse':
 * return the running registered instance; 'restart': stop it first),
 * heapMb, timeoutMs, log, realmFile (keycloak).
 */
export async function startServer(name, options = {}) {
  const log = options.log ?? defaultLog;
  const install = await ensureInstalled(name, { log });
  const instance = options.instance ?? name;
  const port = options.port ?? DEFAULT_PORTS[name];
  const ports = { ...defaultPorts(name, port), ...(options.controllerPort && { controllerPort: options.controllerPort }), ...(options.managementPort && { managementPort: options.managementPort }) };
  const dir = resolve(options.dataDir ?? join(paths.state, instance));
  const startOptions = { ...options, port, ...ports, dataDir: dir, instance };
  const timeoutMs = options.timeoutMs ?? { kafka: 120_000, mongo: 60_000, keycloak: 300_000 }[name];
  mkdirSync(paths.run, { recursive: true });

  const existing = (() => {
    try {
      return JSON.parse(readFileSync(registryFile(instance), 'utf8'));
    } catch {
      return undefined;
    }
  })();
  if (existing && isRunning(existing)) {
    const same = existing.name === name && existing.dir === dir && JSON.stringify(existing.ports) === JSON.stringify(ports) && existing.version === install.version;
    if (same && (options.ifRunning ?? 'reuse') === 'reuse') {
      try {
        await PROBES[name](existing);
        log(`✓ ${instance}: already running (pid ${existing.pid}) — ${describe(existing)}`);
        return handleFor(existing, undefined, startOptions);
      } catch (err) {
        log(`  ! ${instance}: running (pid ${existing.pid}) but not answering (${err.message}); restarting it`);
      }
    } else {
      log(`  ! ${instance}: stopping the instance left running (pid ${existing.pid})`);
    }
    await stopInstance(existing);
  } else if (existing) {
    unregister(instance);
  }

  for (const p of Object.values(ports)) {
    if (await portOpen(p)) {
      throw new InfraError(
        `${name}: port ${p} on 127.0.0.1 is already in use by a process scripts/infra did not start (instance "${instance}"). ` +
          'Stop it, or choose other ports (up.mjs: ONEWINDOW_KAFKA_PORT / ONEWINDOW_MONGO_PORT / ONEWINDOW_KEYCLOAK_PORT).',
      );
    }
  }
  // A Keycloak without a database yet starts from the template (the realm already imported).
  const template =
    name === 'keycloak' && options.template !== false && (options.fresh || !existsSync(join(dir, 'data', 'h2')))
      ? await keycloakTemplate(install, options.realmFile ?? REALM_FILE, log)
      : undefined;
  if (options.fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (template) {
    mkdirSync(join(dir, 'data'), { recursive: true });
    cpSync(join(template, 'h2'), join(dir, 'data', 'h2'), { recursive: true });
    for (const item of ['secrets.json', 'realm.sha256']) copyFileSync(join(template, item), join(dir, item));
  }
  const logFile = join(dir, 'server.log');
  appendFileSync(logFile, `\n===== ${new Date().toISOString()} starting ${name} ${install.version} on ${JSON.stringify(ports)}\n`);

  const plan = prepare(name, install, dir, ports, { ...options, log });
  if (plan.before) {
    log(`▶ ${instance}: formatting the KRaft storage`);
    await run(`${instance}: kafka storage format`, plan.before.cmd, plan.before.args, { logFile, log });
  }
  const started = Date.now();
  log(`▶ ${instance}: starting ${name === 'mongo' ? `FerretDB ${install.version} (MongoDB wire)` : `${name} ${install.version}`} on 127.0.0.1:${port}`);
  const out = openSync(logFile, 'a');
  const child = spawn(plan.cmd, plan.args, { cwd: dir, env: { ...process.env, ...plan.env }, stdio: ['ignore', out, out], detached: true });
  closeSync(out);
  let exited;
  child.exitedPromise = new Promise((r) => child.once('exit', (code, signal) => {
    exited = signal ?? `exit ${code}`;
    r();
  }));
  child.once('error', (err) => {
    exited = err.message;
  });
  child.unref();
  const record = { name, instance, version: install.version, pid: child.pid, ports, dir, logFile, startedAt: new Date().toISOString(), ...(plan.secrets && { secrets: plan.secrets }) };
  writeFileSync(registryFile(instance), JSON.stringify(record, null, 2), { mode: 0o600 });
  writeFileSync(registryFile(instance, 'pid'), `${child.pid}\n`);

  let last;
  let lastBeat = Date.now();
  for (;;) {
    if (exited) {
      unregister(instance);
      throw new InfraError(`${instance}: ${name} exited (${exited}) before it was ready; last lines:\n${tail(logFile)}`, { logFile });
    }
    try {
      const info = await PROBES[name](record);
      // The answer must come from the process started here, not from another server on the port.
      if (!exited && isAlive(child.pid)) {
        log(`✓ ${instance}: ready in ${seconds(Date.now() - started)} — ${describe(record)}${info?.ferretdb ? ` (FerretDB ${info.ferretdb}, reports MongoDB ${info.version})` : ''}`);
        break;
      }
      last = 'answered, but not by the process started here';
    } catch (err) {
      last = err.message;
    }
    if (Date.now() - started > timeoutMs) {
      await stopInstance(record);
      throw new InfraError(`${instance}: ${name} not ready after ${seconds(timeoutMs)} (last probe: ${last}); stopped it. Last lines:\n${tail(logFile)}`, { logFile });
    }
    if (Date.now() - lastBeat > 15_000) {
      lastBeat = Date.now();
      log(`  … ${instance}: waiting for readiness, ${seconds(Date.now() - started)} (${last.replace(/\s+/g, ' ').slice(0, 120)})`);
    }
    await sleep(name === 'mongo' ? 100 : 250);
  }
  return handleFor(record, child, startOptions);
}

/** One line saying where a server is. */
export function describe(record) {
  const a = addresses(record);
  if (record.name === 'kafka') return `KAFKA_BROKERS=${a.brokers}`;
  if (record.name === 'mongo') return `MONGO_URL=${a.url}`;
  return `OIDC_ISSUER=${a.issuer}`;
}

/** The platform's environment for a set of running servers (see docs/configuration.md). */
export function platformEnvFor(records) {
  const env = {};
  for (const r of records) {
    const a = addresses(r);
    if (r.name === 'kafka') Object.assign(env, { BUS: 'kafka', KAFKA_BROKERS: a.brokers });
    if (r.name === 'mongo') Object.assign(env, { STORE: 'mongo', MONGO_URL: a.url });
    if (r.name === 'keycloak') {
      Object.assign(env, { OIDC_ISSUER: a.issuer, KEYCLOAK_URL: a.url, KEYCLOAK_ADMIN_CLIENT_ID: 'onewindow-identity' });
      if (r.secrets?.ONEWINDOW_IDENTITY_ADMIN_SECRET) env.KEYCLOAK_ADMIN_CLIENT_SECRET = r.secrets.ONEWINDOW_IDENTITY_ADMIN_SECRET;
    }
  }
  return env;
}

export const CACHE_PATHS = paths;
