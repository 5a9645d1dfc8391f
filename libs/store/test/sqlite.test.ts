import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDomainError } from '@onewindow/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.js';
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

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
