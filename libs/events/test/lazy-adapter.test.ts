import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tempDir, testLogger } from './helpers.js';

// Each test file runs in a process of its own: nothing else has loaded the Kafka client here.
const loaded = (pkg: string) => Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes(`/node_modules/${pkg}/`));
const dir = tempDir();

describe('the events package', () => {
  it('does not load the Kafka client until a Kafka bus is asked for', async () => {
    const { openEventBus } = await import('../src/index.js');
    const bus = await openEventBus({ kind: 'embedded', file: dir.file('lazy.db') }, testLogger());
    await bus.ping();
    await bus.close();
    dir.remove();
    expect(loaded('@platformatic/kafka')).toBe(false);

    await import('../src/kafka-bus.js');
    expect(loaded('@platformatic/kafka')).toBe(true);
  });
});
