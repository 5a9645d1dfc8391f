import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isDomainError } from '@onewindow/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.js';
import { batchDurability } from '../src/sqlite-store.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-store-'));
const file = join(dir, 'store.db');

describeStoreContract('sqlite', async () => openSqliteStore({ file }));

describe('sqlite store', () => {
  it('rolls the document back when an outbox row of the same write fails', async () => {
    const store = openSqliteStore({ file: join(dir, 'rollback.db') });
    const cases = store.collection<{ id: string; status: string }>({ name: 'cases' });
    const event = { id: 'e1', topic: 'case.accepted', key: 'c1', payload: '{}' };
    await cases.insert({ id: 'c1', status: 'NEW' }, [event]);

    // The event id is already pending, so the outbox insert fails after the document update ran.
    const error: unknown = await cases.update({ id: 'c1', status: 'ACCEPTED' }, 1, [event]).catch((err: unknown) => err);

    expect(isDomainError(error) && error.code).toBe('STORE_DUPLICATE');
    expect(await cases.get('c1')).toEqual({ value: { id: 'c1', status: 'NEW' }, version: 1 });
    expect((await store.outbox.pending(10)).map((e) => e.id)).toEqual(['e1']);
    await store.close();
  });
});

describe('sqlite store: group commit', () => {
  const walFrames = (file: string, mode: 'PASSIVE' | 'TRUNCATE'): number => {
    const probe = new DatabaseSync(file);
    try {
      return Number(probe.prepare(`PRAGMA wal_checkpoint(${mode})`).get()?.['log'] ?? -1);
    } finally {
      probe.close();
    }
  };

  it('commits the writes asked for in one turn together, and a failing one fails alone', async () => {
    const store = openSqliteStore({ file: join(dir, 'group.db') });
    const cases = store.collection<{ id: string; status: string }>({ name: 'cases' });
    await cases.insert({ id: 'c0', status: 'NEW' });
    const event = (id: string) => ({ id, topic: 'case.accepted', key: id, payload: '{}' });

    const results = await Promise.allSettled([
      cases.insert({ id: 'c1', status: 'NEW' }, [event('e1')]),
      cases.insert({ id: 'c0', status: 'AGAIN' }, [event('e-dup')]),
      cases.update({ id: 'c0', status: 'ACCEPTED' }, 1, [event('e2')]),
      cases.update({ id: 'c0', status: 'STALE' }, 1, [event('e-stale')]),
      cases.insert({ id: 'c2', status: 'NEW' }, [event('e3')]),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const reasons = results.flatMap((r) => (r.status === 'rejected' && isDomainError(r.reason) ? [r.reason.code] : []));
    expect(reasons).toEqual(['STORE_DUPLICATE', 'STORE_VERSION_CONFLICT']);
    expect(await cases.get('c0')).toEqual({ value: { id: 'c0', status: 'ACCEPTED' }, version: 2 });
    expect((await store.outbox.pending(10)).map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    await store.close();
  });

  it('shares one commit among the writes of a turn instead of one commit each', async () => {
    const file = join(dir, 'frames.db');
    const store = openSqliteStore({ file });
    const cases = store.collection<{ id: string; n: number }>({ name: 'cases' });
    await cases.insert({ id: 'warm', n: 0 });
    walFrames(file, 'TRUNCATE');

    for (let i = 0; i < 20; i++) await cases.insert({ id: `one-by-one-${i}`, n: i });
    const separately = walFrames(file, 'PASSIVE');
    walFrames(file, 'TRUNCATE');
    await Promise.all(Array.from({ length: 20 }, (_, i) => cases.insert({ id: `together-${i}`, n: i })));
    const together = walFrames(file, 'PASSIVE');

    // Each commit appends at least one frame; twenty commits append at least twenty.
    expect(separately).toBeGreaterThanOrEqual(20);
    expect(together).toBeLessThan(separately / 4);
    expect(await cases.count({})).toBe(41);
    await store.close();
  });

  it('commits a batch without waiting for the disk only when every write in it is relaxed', () => {
    expect(batchDurability([{ durability: 'relaxed' }, { durability: 'relaxed' }])).toBe('relaxed');
    expect(batchDurability([{ durability: 'relaxed' }, { durability: 'full' }])).toBe('full');
    expect(batchDurability([{ durability: 'full' }])).toBe('full');
  });

  it('commits a relaxed and a full write of one turn together, both kept', async () => {
    const file = join(dir, 'mixed.db');
    const store = openSqliteStore({ file });
    const cases = store.collection<{ id: string }>({ name: 'cases' });
    await Promise.all([cases.insert({ id: 'relaxed' }, [], { durability: 'relaxed' }), cases.insert({ id: 'full' })]);
    await store.close();
    const reopened = openSqliteStore({ file });
    expect(await reopened.collection<{ id: string }>({ name: 'cases' }).count({})).toBe(2);
    await reopened.close();
  });

  it('commits what is queued before it closes', async () => {
    const file = join(dir, 'close.db');
    const store = openSqliteStore({ file });
    const cases = store.collection<{ id: string }>({ name: 'cases' });
    const written = cases.insert({ id: 'c1' });
    await store.close();
    await expect(written).resolves.toEqual({ value: { id: 'c1' }, version: 1 });
    const reopened = openSqliteStore({ file });
    expect(await reopened.collection<{ id: string }>({ name: 'cases' }).get('c1')).toEqual({ value: { id: 'c1' }, version: 1 });
    await reopened.close();
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
