import { writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedBus } from '../src/embedded-bus.js';
import { EmbeddedLog, partitionFor } from '../src/embedded-log.js';
import type { Delivery, EventBus } from '../src/port.js';
import { describeBusContract } from './bus-contract.js';
import { deliveredUpToMarkers, tempDir, testLogger, waitFor } from './helpers.js';

const dir = tempDir();
afterAll(() => dir.remove());

let fileSeq = 0;
const logger = testLogger();

describeBusContract('embedded (SQLite file)', async () => openEmbeddedBus({ file: dir.file(`contract-${fileSeq++}.db`), logger }));

describe('embedded bus', () => {
  const open: EventBus[] = [];
  const openBus = (file: string, options: { partitions?: number; leaseTtlMs?: number; pollIntervalMs?: number } = {}) => {
    const bus = openEmbeddedBus({ file, logger, ...options });
    open.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((bus) => bus.close()));
  });

  const recorder = () => {
    const seen: Delivery[] = [];
    return { seen, handler: async (d: Delivery) => void seen.push(d) };
  };

  it('partitions by a stable hash of the key', () => {
    expect(partitionFor('case-1', 8)).toBe(partitionFor('case-1', 8));
    const spread = new Set(Array.from({ length: 64 }, (_, i) => partitionFor(`case-${i}`, 8)));
    expect(spread.size).toBe(8);
  });

  /**
   * A consumer on `file`, past its first poll (which would find a message
   * published before it) and so waiting, then a message from another
   * instance: what the consumer has received within 5 s.
   */
  const publishToIdleConsumer = async (file: string, options: { pollIntervalMs?: number; leaseTtlMs?: number }) => {
    const consumer = openBus(file, options);
    const producer = openBus(file);
    const reader = recorder();
    await consumer.subscribe({ group: 'reader', topics: ['t.idle'], handler: reader.handler });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await producer.publish([{ topic: 't.idle', key: 'a', value: 'news' }]);
    await waitFor('the delivery', () => reader.seen.length === 1, 5_000);
    return reader.seen.map((d) => d.value);
  };

  it('wakes an idle consumer with the doorbell when another instance appends, instead of at its next poll', async () => {
    // A minute between polls: only the doorbell can bring the message in time.
    expect(await publishToIdleConsumer(dir.file('doorbell.db'), { pollIntervalMs: 60_000 })).toEqual(['news']);
  });

  it('polls where the doorbells cannot be watched', async () => {
    const file = dir.file('no-bells.db');
    writeFileSync(`${file}-bells`, ''); // a file where the bells' folder should be
    // Were it waiting for a bell, it would look on its own only every 6 s (leaseTtlMs / 10).
    expect(await publishToIdleConsumer(file, { leaseTtlMs: 60_000 })).toEqual(['news']);
  });

  it('lets two bus instances on one file (two processes) see each other’s messages', async () => {
    const file = dir.file('shared.db');
    const one = openBus(file);
    const two = openBus(file);
    const onOne = recorder();
    const onTwo = recorder();
    await one.subscribe({ group: 'reader-1', topics: ['t.shared'], handler: onOne.handler });
    await two.subscribe({ group: 'reader-2', topics: ['t.shared'], handler: onTwo.handler });

    await one.publish([{ topic: 't.shared', key: 'a', value: 'from one' }]);
    await two.publish([{ topic: 't.shared', key: 'b', value: 'from two' }]);

    await waitFor('both messages on both buses', () => onOne.seen.length === 2 && onTwo.seen.length === 2);
    expect(onOne.seen.map((d) => d.value).sort()).toEqual(['from one', 'from two']);
    expect(onTwo.seen.map((d) => d.value).sort()).toEqual(['from one', 'from two']);
  });

  it('shares a group between members on different bus instances', async () => {
    const file = dir.file('shared-group.db');
    const one = openBus(file);
    const two = openBus(file);
    const a = recorder();
    const b = recorder();
    await one.subscribe({ group: 'workers', topics: ['t.work'], handler: a.handler });
    await two.subscribe({ group: 'workers', topics: ['t.work'], handler: b.handler });

    const keys = Array.from({ length: 80 }, (_, i) => `case-${i}`);
    await one.publish(keys.map((key, i) => ({ topic: 't.work', key, value: String(i) })));

    await waitFor('80 deliveries', () => a.seen.length + b.seen.length >= 80);
    expect(await deliveredUpToMarkers(one, 't.work', keys, () => [...a.seen, ...b.seen])).toHaveLength(80);
    expect(a.seen.length).toBeGreaterThan(0);
    expect(b.seen.length).toBeGreaterThan(0);
  });

  it('keeps messages and committed offsets across close and reopen', async () => {
    const file = dir.file('durable.db');
    const first = openBus(file);
    await first.publish([
      { topic: 't.durable', key: 'case-1', value: 'one' },
      { topic: 't.durable', key: 'case-1', value: 'two' },
    ]);
    const before = recorder();
    await first.subscribe({ group: 'g', topics: ['t.durable'], handler: before.handler });
    await waitFor('both delivered', () => before.seen.length === 2);
    await first.close();

    const second = openBus(file);
    await second.publish([{ topic: 't.durable', key: 'case-1', value: 'three' }]);
    const after = recorder();
    const fresh = recorder();
    await second.subscribe({ group: 'g', topics: ['t.durable'], handler: after.handler });
    await second.subscribe({ group: 'new-group', topics: ['t.durable'], handler: fresh.handler });

    await waitFor('the new message and the full replay', () => after.seen.length === 1 && fresh.seen.length === 3);
    expect(after.seen.map((d) => d.value)).toEqual(['three']);
    expect(fresh.seen.map((d) => d.value)).toEqual(['one', 'two', 'three']);
  });

  it('tracks the head of each partition as messages are appended', () => {
    const log = new EmbeddedLog(dir.file('heads.db'), 2);
    try {
      log.append([
        { topic: 't.heads', key: 'a', value: '1' },
        { topic: 't.heads', key: 'a', value: '2' },
        { topic: 't.other', key: 'a', value: '3' },
      ]);
      const partition = partitionFor('a', 2);
      expect(log.heads(['t.heads'])).toEqual(new Map([[`t.heads\u0000${partition}`, 2]]));
      expect(log.heads(['t.heads', 't.other']).get(`t.other\u0000${partition}`)).toBe(1);
      expect(log.heads(['t.none']).size).toBe(0);
    } finally {
      log.close();
    }
  });

  it('delivers what a log written before partition heads were tracked holds', async () => {
    const file = dir.file('old-log.db');
    const old = new DatabaseSync(file);
    old.exec(`
      CREATE TABLE topics (topic TEXT PRIMARY KEY, partitions INTEGER NOT NULL) STRICT;
      CREATE TABLE messages (topic TEXT NOT NULL, "partition" INTEGER NOT NULL, "offset" INTEGER NOT NULL, key TEXT NOT NULL,
        value TEXT NOT NULL, headers TEXT NOT NULL, PRIMARY KEY (topic, "partition", "offset")) STRICT, WITHOUT ROWID;
      INSERT INTO topics VALUES ('t.old', 1);
      INSERT INTO messages VALUES ('t.old', 0, 0, 'k', 'first', '{}'), ('t.old', 0, 1, 'k', 'second', '{}');`);
    old.close();
    const bus = openBus(file);
    const { seen, handler } = recorder();
    await bus.subscribe({ group: 'g', topics: ['t.old'], handler });

    await waitFor('both old messages', () => seen.length === 2);
    await bus.publish([{ topic: 't.old', key: 'k', value: 'third' }]);
    await waitFor('the new one after them', () => seen.length === 3);
    expect(seen.map((d) => [d.value, d.offset])).toEqual([['first', '0'], ['second', '1'], ['third', '2']]);
  });

  it('keeps the partition count of the process that created the topic', async () => {
    const file = dir.file('partitions.db');
    const creator = openBus(file, { partitions: 2 });
    const other = openBus(file, { partitions: 16 });
    await creator.publish([{ topic: 't.parts', key: 'x', value: '1' }]);
    await other.publish(Array.from({ length: 40 }, (_, i) => ({ topic: 't.parts', key: `k${i}`, value: String(i) })));
    const { seen, handler } = recorder();

    await other.subscribe({ group: 'g', topics: ['t.parts'], handler });

    await waitFor('41 deliveries', () => seen.length === 41);
    expect(new Set(seen.map((d) => d.partition))).toEqual(new Set([0, 1]));
  });
});
