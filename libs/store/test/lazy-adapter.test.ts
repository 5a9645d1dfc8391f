import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Each test file runs in a process of its own: nothing else has loaded mongoose here.
const loaded = (pkg: string) => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes(`/node_modules/${pkg}/`));

describe('the store package', () => {
  it('does not load mongoose until a MongoDB store is asked for', async () => {
    const { openStore } = await import('../src/index.js');
    const store = await openStore({ kind: 'sqlite', file: ':memory:' }, (await import('@onewindow/kernel')).createLogger({ service: 'test', level: 'silent' }));
    await store.ping();
    await store.close();
    expect(loaded('mongoose')).toBe(false);

    await import('../src/mongo-store.js');
    expect(loaded('mongoose')).toBe(true);
  });
});
