// Developer tools the project installs itself, cached under ONEWINDOW_CACHE
// (default ~/.cache/onewindow), keyed by a pinned version. Go programs come
// from the Go module proxy: `GOBIN=<cache>/bin go install <module>@<version>`.
// Idempotent (a second call only checks the binary's version), safe against a
// concurrent install (a lock directory), and loud about what went wrong.
//
//   node scripts/tools/install.mjs k6        installs k6, prints its path
//   import { ensureTool } from './install.mjs'; const k6 = await ensureTool('k6');
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, withLock } from '../lib/cache.mjs';

export { CACHE };

export const BIN = join(CACHE, 'bin');

/**
 * Pinned versions. The module proxy may refuse `@v/list` for some modules,
 * so a version is always exact, never `@latest`. `check` is the version
 * subcommand whose output must contain `reports` (the version, unless the
 * tool prints it otherwise: helm built by `go install` says only v3.22).
 */
export const TOOLS = Object.freeze({
  k6: { module: 'go.k6.io/k6', version: 'v1.8.1', minGo: [1, 25], check: ['version'], reports: 'v1.8.1' },
  helm: { module: 'helm.sh/helm/v3/cmd/helm', version: 'v3.22.0', minGo: [1, 25], check: ['version'], reports: 'Version:"v3.22"' },
});

export class ToolError extends Error {
  constructor(message, logFile) {
    super(logFile ? `${message}\n  log: ${logFile}` : message);
    this.name = 'ToolError';
  }
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => `    ${l}`).join('\n');
  } catch {
    return '    (no log)';
  }
}

/** The installed binary's version line, or undefined when it is missing or another version. */
function installedVersion(binary, tool) {
  if (!existsSync(binary)) return undefined;
  const r = spawnSync(binary, tool.check, { encoding: 'utf8', timeout: 15_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  return r.status === 0 && out.includes(tool.reports) ? out.trim().split('\n')[0] : undefined;
}

function goVersion() {
  const r = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /go(\d+)\.(\d+)/.exec(r.stdout);
  return m ? [Number(m[1]), Number(m[2]), r.stdout.trim()] : undefined;
}

/** `go install` with its output in the log and a heartbeat naming the packages compiled so far. */
function goInstall(spec, env, logFile, log) {
  return new Promise((resolvePromise, reject) => {
    const out = openSync(logFile, 'a');
    const started = Date.now();
    const child = spawn('go', ['install', '-v', '-trimpath', spec], { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    const beat = setInterval(() => {
      const lines = readFileSync(logFile, 'utf8').split('\n');
      const downloads = lines.filter((l) => l.startsWith('go: downloading')).length;
      const packages = lines.filter((l) => /^[\w.-]+(\/[\w.~-]+)+$/.test(l)).length;
      log(`  … ${seconds(Date.now() - started)}: ${downloads} modules downloaded, ${packages} packages compiled`);
    }, 10_000);
    const finish = (err) => {
      clearInterval(beat);
      closeSync(out);
      if (err) reject(err);
      else resolvePromise(Date.now() - started);
    };
    child.on('error', (err) => finish(new ToolError(`could not run go: ${err.message}`, logFile)));
    child.on('exit', (code, signal) =>
      finish(code === 0 ? undefined : new ToolError(`go install ${spec} failed (${signal ?? `exit ${code}`}); last lines:\n${tail(logFile)}`, logFile)),
    );
  });
}

/**
 * Installs a tool once and returns the path of its binary. Later calls check
 * the binary's version and return at once.
 */
export async function ensureTool(name, { log = (line) => console.error(line) } = {}) {
  const tool = TOOLS[name];
  if (!tool) throw new ToolError(`unknown tool "${name}" (known: ${Object.keys(TOOLS).join(', ')})`);
  const binary = join(BIN, name);
  const present = installedVersion(binary, tool);
  if (present) return binary;
  return withLock(`${name}-${tool.version}`, async () => {
    if (installedVersion(binary, tool)) return binary;
    const go = goVersion();
    if (!go) throw new ToolError(`${name} is a Go program: install Go ${tool.minGo.join('.')} or newer (https://go.dev/dl/) and put \`go\` on PATH`);
    if (go[0] < tool.minGo[0] || (go[0] === tool.minGo[0] && go[1] < tool.minGo[1])) {
      throw new ToolError(`${name} ${tool.version} needs Go ${tool.minGo.join('.')} or newer; found ${go[2]}`);
    }
    mkdirSync(join(CACHE, 'logs'), { recursive: true });
    const logFile = join(CACHE, 'logs', `install-${name}.log`);
    writeFileSync(logFile, `install ${tool.module}@${tool.version} ${new Date().toISOString()} with ${go[2]}\n`);
    // Private module and build caches, removed once the binary exists: the binary is what is cached.
    const work = join(CACHE, 'tools', `${name}-${tool.version}.partial`);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    const staging = join(work, 'bin');
    const env = {
      GOBIN: staging,
      GOMODCACHE: join(work, 'gomod'),
      GOCACHE: join(work, 'gocache'),
      GOFLAGS: '-modcacherw',
      GOTOOLCHAIN: 'local',
      CGO_ENABLED: '0',
    };
    log(`▶ ${name} ${tool.version}: go install ${tool.module}@${tool.version} from the Go module proxy (first time only; a few minutes on 2 cores)`);
    const ms = await goInstall(`${tool.module}@${tool.version}`, env, logFile, log);
    const built = join(staging, name);
    if (!installedVersion(built, tool)) throw new ToolError(`${name}: the built binary does not report ${tool.reports}; last lines:\n${tail(logFile)}`, logFile);
    mkdirSync(BIN, { recursive: true });
    renameSync(built, binary);
    rmSync(work, { recursive: true, force: true });
    appendFileSync(logFile, `installed ${binary} in ${seconds(ms)}\n`);
    log(`✓ ${name} ${tool.version}: built in ${seconds(ms)}`);
    return binary;
  }, log);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error(`usage: node scripts/tools/install.mjs <tool>…   (tools: ${Object.keys(TOOLS).join(', ')})`);
    process.exit(2);
  }
  try {
    // stdout carries only the paths, so `K6=$(node scripts/tools/install.mjs k6)` works.
    for (const name of names) console.log(await ensureTool(name));
  } catch (err) {
    console.error(`✗ ${err.message}`);
    process.exit(1);
  }
}
