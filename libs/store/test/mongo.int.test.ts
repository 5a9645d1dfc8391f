/**
 * The store contract against a real MongoDB-wire server (MongoDB or FerretDB).
 * Skipped unless ONEWINDOW_TEST_MONGO_URL is set; uses a database of its own
 * per run and drops it afterwards.
 */
import mongoose from 'mongoose';
import { afterAll, describe } from 'vitest';
import { connectMongoStore } from '../src/index.js';
import { describeStoreContract } from './store-contract.js';

const uri = process.env['ONEWINDOW_TEST_MONGO_URL'];
const database = `onewindow_store_test_${process.pid}_${Date.now().toString(36)}`;

/** FerretDB answers buildInfo with its own version: it is a stand-in with known limits (docs/infrastructure.md). */
async function serverLimits() {
  if (!uri) return {};
  const conn = await mongoose.createConnection(uri, { dbName: database }).asPromise();
  const info = await conn.db!.admin().command({ buildInfo: 1 });
  await conn.close();
  const ferret = 'ferretdbVersion' in info;
  return { nonAtomicConditionalUpdates: ferret, noDuplicateKeyOnUpdate: ferret };
}
const limits = await serverLimits();

describe.skipIf(!uri)('mongo store', () => {
  describeStoreContract('mongo', async () => connectMongoStore({ uri: uri ?? '', database }), limits);

  afterAll(async () => {
    const conn = await mongoose.createConnection(uri ?? '', { dbName: database }).asPromise();
    await conn.dropDatabase();
    await conn.close();
  });
});
