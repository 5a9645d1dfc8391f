// Command-line tools the tests use that Debian packages and no other reachable
// registry ships (poppler's pdftotext and pdftoppm read back the PDFs intake
// writes). Fetched with `apt-get download` (no install, no root needed beyond
// reading apt's lists), unpacked with `dpkg -x` into the cache, keyed by the
// pinned versions, and put on PATH as small wrappers in <cache>/bin that set
// LD_LIBRARY_PATH to the unpacked libraries.
//
//   node scripts/tools/debian.mjs poppler     installs, prints the bin directory
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE, withLock } from '../lib/cache.mjs';
import { BIN, ToolError } from './install.mjs';

/** Pinned packages (Debian 12 "bookworm"); `commands` get wrappers in <cache>/bin. */
export const DEBIAN_TOOLS = Object.freeze({
  poppler: {
    version: '22.12.0-2+deb12u3',
    packages: ['poppler-utils=22.12.0-2+deb12u3', 'libpoppler126=22.12.0-2+deb12u3', 'libopenjp2-7=2.5.0-2+deb12u3'],
    commands: ['pdftotext', 'pdftoppm'],
    check: ['pdftotext', '-v'],
    reports: 'pdftotext version 22.12.0',
  },
  // A software HSM: the PKCS#11 key adapter's tests make a token in it (the module is <root>/usr/lib/softhsm/libsofthsm2.so).
  softhsm2: {
    version: '2.6.1-2.1',
    packages: ['softhsm2=2.6.1-2.1', 'libsofthsm2=2.6.1-2.1', 'softhsm2-common=2.6.1-2.1'],
    commands: ['softhsm2-util'],
    check: ['softhsm2-util', '--version'],
    reports: '2.6.1',
  },
});

/** Where an installed tool's packages are unpacked (its `usr/…` tree is under it). */
export function debianToolRoot(name) {
  return join(CACHE, 'tools', `${name}-${DEBIAN_TOOLS[name].version}`, 'root');
}

function works(tool) {
  const [command, ...args] = tool.check;
  const r = spawnSync(join(BIN, command), args, { encoding: 'utf8', timeout: 15_000 });
  return r.status === 0 && `${r.stdout}${r.stderr}`.includes(tool.reports);
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error) throw new ToolError(`could not run ${cmd}: ${r.error.message} (a Debian-based machine with apt is needed)`);
  if (r.status !== 0) throw new ToolError(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
}

/** Installs the tool's packages once; returns the directory its wrappers are in. */
export async function ensureDebianTool(name, { log = (line) => console.error(line) } = {}) {
  const tool = DEBIAN_TOOLS[name];
  if (!tool) throw new ToolError(`unknown tool "${name}" (known: ${Object.keys(DEBIAN_TOOLS).join(', ')})`);
  if (works(tool)) return BIN;
  return withLock(`${name}-${tool.version}`, async () => {
    if (works(tool)) return BIN;
    const root = join(CACHE, 'tools', `${name}-${tool.version}`);
    const partial = `${root}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(join(partial, 'debs'), { recursive: true });
    log(`▶ ${name} ${tool.version}: apt-get download ${tool.packages.join(' ')} from Debian (first time only)`);
    try {
      run('apt-get', ['download', '-q', ...tool.packages], join(partial, 'debs'));
    } catch (err) {
      // A machine whose package lists were never fetched (or are stale) knows no such version yet.
      log(`  apt-get download failed (${err.message.split('\n').at(-1)}); fetching the package lists and trying again`);
      run('apt-get', ['update', '-q'], partial);
      run('apt-get', ['download', '-q', ...tool.packages], join(partial, 'debs'));
    }
    for (const deb of readdirSync(join(partial, 'debs'))) run('dpkg', ['-x', join('debs', deb), 'root'], partial);
    rmSync(root, { recursive: true, force: true });
    renameSync(partial, root);
    const libs = join(root, 'root', 'usr', 'lib', 'x86_64-linux-gnu');
    mkdirSync(BIN, { recursive: true });
    for (const command of tool.commands) {
      const wrapper = join(BIN, command);
      writeFileSync(wrapper, `#!/bin/sh\nLD_LIBRARY_PATH="${libs}\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "${join(root, 'root', 'usr', 'bin', command)}" "$@"\n`);
      chmodSync(wrapper, 0o755);
    }
    if (!works(tool)) throw new ToolError(`${name}: the unpacked ${tool.check[0]} does not report ${tool.reports}`);
    log(`✓ ${name} ${tool.version}: ${tool.commands.join(', ')} in ${BIN}`);
    return BIN;
  }, log);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  if (names.length === 0 || !names.every((n) => n in DEBIAN_TOOLS)) {
    console.error(`usage: node scripts/tools/debian.mjs <tool>…   (tools: ${Object.keys(DEBIAN_TOOLS).join(', ')})`);
    process.exit(2);
  }
  try {
    for (const name of names) console.log(await ensureDebianTool(name));
  } catch (err) {
    console.error(`✗ ${err.message}`);
    process.exit(1);
  }
}
