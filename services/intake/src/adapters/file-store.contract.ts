// The FileStore contract, written once and run against every adapter.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { FileStore } from '../app/ports.js';

export function fileStoreContract(name: string, open: () => Promise<FileStore>): void {
  describe(`FileStore contract: ${name}`, () => {
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(`${name} ${Date.now()} ${Math.random()}`)]);
    const sha256 = createHash('sha256').update(content).digest('hex');

    it('stores bytes under their SHA-256 and reads them back, with the SM3 and size', async () => {
      const store = await open();
      expect(await store.put(content)).toEqual({ sha256, sm3: createHash('sm3').update(content).digest('hex'), size: content.length });
      expect(await store.get(sha256)).toEqual(content);
    });

    it('stores the same content once however often it comes, also at the same time', async () => {
      const store = await open();
      const results = await Promise.all([store.put(content), store.put(content), store.put(content)]);
      expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha256]));
      expect(await store.get(sha256)).toEqual(content);
    });

    it('keeps large contents whole', async () => {
      const store = await open();
      const large = Buffer.alloc(3 * 1024 * 1024 + 7, 7);
      const { sha256: key } = await store.put(large);
      expect((await store.get(key))?.equals(large)).toBe(true);
    });

    it('answers null for an unknown hash and for anything that is not a hash (no path or query injection)', async () => {
      const store = await open();
      expect(await store.get('0'.repeat(64))).toBeNull();
      for (const bad of ['../../etc/passwd', '{"$gt":""}', sha256.toUpperCase(), `${sha256}/x`]) expect(await store.get(bad)).toBeNull();
    });
  });
}
