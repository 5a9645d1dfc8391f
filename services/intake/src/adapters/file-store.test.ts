import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { diskFileStore } from './disk-file-store.js';
import { fileStoreContract } from './file-store.contract.js';
import { gridFsFileStore } from './gridfs-file-store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'intake-files-'));
  dirs.push(dir);
  return dir;
}

fileStoreContract('disk', async () => diskFileStore(tempDir()));

describe('disk file store', () => {
  it('leaves no temporary file behind and spreads files over two-digit folders', async () => {
    const dir = tempDir();
    const { sha256 } = await diskFileStore(dir).put(Buffer.from('%PDF-1.4 x'));
    expect(readdirSync(dir)).toEqual([sha256.slice(0, 2)]);
    expect(readdirSync(join(dir, sha256.slice(0, 2)))).toEqual([sha256]);
  });
});

// The MongoDB adapter runs against a real MongoDB-wire server when one is given (the cluster suite starts one).
const mongoUrl = process.env['ONEWINDOW_TEST_MONGO_URL'];
if (mongoUrl) {
  const client = new MongoClient(mongoUrl);
  const database = `intake_files_test_${process.pid}`;
  afterAll(async () => {
    await client.db(database).dropDatabase();
    await client.close();
  });
  fileStoreContract('MongoDB GridFS', async () => gridFsFileStore(client.db(database)));
}
