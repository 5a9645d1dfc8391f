// The project's cache of installed servers and tools, outside the repository:
// ONEWINDOW_CACHE, default ~/.cache/onewindow. Shared by scripts/infra (Kafka,
// FerretDB, Keycloak) and scripts/tools (k6, helm).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CACHE = resolve(process.env.ONEWINDOW_CACHE || join(homedir(), '.cache', 'onewindow'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Alive and not a zombie. */
export function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Runs `fn` holding a cross-process lock (a directory under the cache), so
 * two installs of one thing never race. A dead holder's lock is taken over.
 */
export async function withLock(name, fn, log = (line) => console.log(line)) {
  const locks = join(CACHE, 'locks');
  mkdirSync(locks, { recursive: true });
  const dir = join(locks, `${name}.lock`);
  let announced = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let holder = NaN;
      try {
        holder = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {
        // being created or removed
      }
      if (Number.isInteger(holder) && !isAlive(holder)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (!announced) log(`  … waiting for another process (pid ${holder}) installing ${name}`);
      announced = true;
      await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
