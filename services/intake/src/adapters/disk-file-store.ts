import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore } from '../app/ports.js';
import { digests, isSha256, verified } from './digests.js';

/**
 * Embedded file store: content-addressed files under the data folder,
 * `<dir>/<first two hex digits>/<sha256>`. A file is written beside its
 * final place, flushed to disk, then renamed, so a reader (or a crash) never
 * sees half a file under a hash.
 */
export function diskFileStore(dir: string): FileStore {
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  return {
    async put(content) {
      const d = digests(content);
      const target = pathOf(d.sha256);
      if (await exists(target)) return d;
      await mkdir(join(dir, d.sha256.slice(0, 2)), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return d;
    },
    async get(sha256) {
      if (!isSha256(sha256)) return null;
      try {
        return verified(sha256, await readFile(pathOf(sha256)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
