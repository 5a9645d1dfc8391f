import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedBus } from '../src/embedded-bus.js';
import type { Delivery, EventBus } from '../src/port.js';
import { tempDir, testLogger, waitFor } from './helpers.js';

// The repository's pinned Node, not whatever is first on PATH.
const NODE = fileURLToPath(new URL('../../../node_modules/.bin/node', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const dir = tempDir();
afterAll(() => dir.remove());

interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

function startChild(script: string, args: readonly string[]): Child {
  const child = spawn(NODE, [fixture(script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) lines.push(`stderr: ${stderr}`);
      resolve(code);
    }),
  );
  return { process: child, lines, exited };
}

describe('embedded bus across processes', () => {
  const children: Child[] = [];
  const buses: EventBus[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('consumes, in per-key order, what another process publishes meanwhile', async () => {
    const file = dir.file('cross-publish.db');
    const bus = openEmbeddedBus({ file, logger: testLogger() });
    buses.push(bus);
    const seen: Delivery[] = [];
    await bus.subscribe({ group: 'parent', topics: ['t.cross'], handler: async (d) => void seen.push(d) });

    const publisher = startChild('publisher.mjs', [file, 't.cross', '7', '300']);
    children.push(publisher);

    await waitFor('300 messages from the child', () => seen.length >= 300, 20_000);
    expect(await publisher.exited).toBe(0);
    expect(publisher.lines).toContain('done');
    expect(seen[0]!.headers['x-publisher-pid']).toBe(String(publisher.process.pid));
    for (let k = 0; k < 7; k++) {
      const values = seen.filter((d) => d.key === `case-${k}`).map((d) => d.value);
      expect(values).toEqual(Array.from({ length: values.length }, (_, i) => `case-${k}#${i}`));
    }
    expect(seen).toHaveLength(300);
  });

  it('takes over the partitions of a member process that was killed, once its leases expire, losing nothing', async () => {
    const file = dir.file('cross-kill.db');
    const bus = openEmbeddedBus({ file, leaseTtlMs: 400, logger: testLogger() });
    buses.push(bus);
    const all = Array.from({ length: 60 }, (_, i) => ({ topic: 't.kill', key: `case-${i % 6}`, value: `case-${i % 6}#${Math.floor(i / 6)}` }));
    await bus.publish(all);
    const member = startChild('member.mjs', [file, 't.kill', 'workers', '400']);
    children.push(member);
    const handledByChild = () => member.lines.filter((l) => l.startsWith('handled ')).map((l) => l.slice('handled '.length));
    await waitFor('the child to handle some messages', () => handledByChild().length >= 10, 20_000);

    member.process.kill('SIGKILL');
    await member.exited;
    const childSaw = new Set(handledByChild());
    const seen: Delivery[] = [];
    await bus.subscribe({ group: 'workers', topics: ['t.kill'], handler: async (d) => void seen.push(d) });

    await waitFor('every message handled by someone', () => new Set([...childSaw, ...seen.map((d) => d.value)]).size === 60, 20_000);
    expect(childSaw.size).toBeLessThan(60);
    // At most the one in-flight message per partition is seen twice (handled, killed before its commit).
    const again = seen.filter((d) => childSaw.has(d.value));
    expect(again.length).toBeLessThanOrEqual(new Set(seen.map((d) => d.partition)).size);
    for (let k = 0; k < 6; k++) {
      const values = seen.filter((d) => d.key === `case-${k}`).map((d) => Number(d.value.split('#')[1]));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });
});
