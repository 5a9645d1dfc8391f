/**
 * The store contract against a real MongoDB-wire server (MongoDB or FerretDB).
 * Skipped unless ONEWINDOW_TEST_MONGO_URL is set; uses a database of its own
 * per run and drops it afterwards.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMongoStore } from '../src/index.js';
import { ServerLocks, type LockDoc } from '../src/mongo-locks.js';
import { describeStoreContract } from './store-contract.js';

const uri = process.env['ONEWINDOW_TEST_MONGO_URL'];
const database = `onewindow_store_test_${process.pid}_${Date.now().toString(36)}`;

describe.skipIf(!uri)('mongo store', () => {
  describeStoreContract('mongo', async () => connectMongoStore({ uri: uri ?? '', database }));

  describe('server locks', () => {
    const conns: Connection[] = [];
    const locksOn = (i: number, options?: ConstructorParameters<typeof ServerLocks>[1]) =>
      new ServerLocks(conns[i]!.collection<LockDoc>('_locks'), options);
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) conns.push(await mongoose.createConnection(uri ?? '', { dbName: database }).asPromise());
    });
    afterAll(async () => {
      for (const conn of conns) await conn.close();
    });

    it('lets one holder at a time into a key across connections, and every waiter in', async () => {
      const [a, b] = [locksOn(0), locksOn(1)];
      let inside = 0;
      let most = 0;
      const work = (i: number) => async () => {
        most = Math.max(most, ++inside);
        await sleep(5);
        inside--;
        return i;
      };
      const done = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).run(['cases/c1', `cases/x${i}`], work(i))));
      expect(done).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(most).toBe(1);
      expect(await conns[0]!.collection<LockDoc>('_locks').countDocuments({ _id: 'cases/c1' })).toBe(0);
    });

    it('waits out a dead holder until its lease ends, and refuses with STORE_LOCK_TIMEOUT before then', async () => {
      await conns[0]!.collection<LockDoc>('_locks').insertOne({ _id: 'cases/dead', t: 'a process that died', until: new Date(Date.now() + 600) });
      const impatient = locksOn(1, { waitMs: 100 });
      await expect(impatient.run(['cases/dead'], async () => 'in')).rejects.toMatchObject({ code: 'STORE_LOCK_TIMEOUT' });
      const patient = locksOn(1, { waitMs: 5_000 });
      expect(await patient.run(['cases/dead'], async () => 'in')).toBe('in');
    });
  });

  afterAll(async () => {
    const conn = await mongoose.createConnection(uri ?? '', { dbName: database }).asPromise();
    await conn.dropDatabase();
    await conn.close();
  });
});
