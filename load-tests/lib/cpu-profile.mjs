// Reads V8 .cpuprofile files (node --cpu-prof) and says where the time went:
// self time per function and per package (node_modules name, node: internals,
// the platform's own libs and services, GC, idle).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function packageOf(url, functionName) {
  if (functionName === '(garbage collector)') return '(gc)';
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(program)') return '(program: native, not attributed)';
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.split('/')[0];
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const own = /\/(libs|services)\/([^/]+)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url;
}

/** Self time per function and per package of one profile, in ms, descending. */
export function summariseProfile(profile, { top = 25 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
  }
  const functions = new Map();
  const packages = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    if (pkg === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const file = url ? url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|libs|services)\//, '$1/') : '';
    const key = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
  }
  const ms = (x) => Math.round(x / 100) / 10;
  const ranked = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, ms: ms(micros), share: Math.round((micros / Math.max(1, total)) * 1000) / 10 }));
  return { busyMs: ms(total), idleMs: ms(idle), packages: ranked(packages), functions: ranked(functions) };
}

/** The profiles under `dir`, one folder per service (`<dir>/<service>/*.cpuprofile`). */
export function summariseProfiles(dir, options) {
  const out = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const files = readdirSync(join(dir, entry.name)).filter((f) => f.endsWith('.cpuprofile'));
    for (const file of files) {
      const name = files.length > 1 ? `${entry.name}/${file}` : entry.name;
      out[name] = { file: join(entry.name, file), ...summariseProfile(JSON.parse(readFileSync(join(dir, entry.name, file), 'utf8')), options) };
    }
  }
  return out;
}
