import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Logger } from '@onewindow/kernel';
import type { Delivery, EventBus } from '../src/port.js';

/** Silent by default; pass `debug` while investigating a test. */
export function testLogger(level = 'silent'): Logger {
  return createLogger({ service: 'events-test', level });
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const MARKER = '#marker';

/**
 * Publishes a marker behind the messages of each key (so on its partition)
 * and waits until `seen` holds them all: a delivery of those messages still
 * on its way, a duplicate say, arrives before its key's marker. Returns what
 * was delivered, markers left out. Checking right away, or after a sleep,
 * would race such a delivery.
 */
export async function deliveredUpToMarkers(
  bus: EventBus,
  topic: string,
  keys: readonly string[],
  seen: () => readonly Delivery[],
  timeoutMs?: number,
): Promise<Delivery[]> {
  await bus.publish(keys.map((key) => ({ topic, key, value: `${key}${MARKER}` })));
  const isMarker = (d: Delivery) => d.value.endsWith(MARKER);
  await waitFor('a marker behind every key', () => new Set(seen().filter(isMarker).map((d) => d.key)).size === keys.length, timeoutMs);
  return seen().filter((d) => !isMarker(d));
}

/** Lets loops run for a while, to show that something does NOT happen. */
export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'onewindow-events-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

export interface CapturedLogger {
  readonly logger: Logger;
  /** Parsed log records, in order. */
  readonly records: () => Array<{ level: number; msg: string; [key: string]: unknown }>;
}

/** A real logger whose JSON lines a test can read back ("never swallow a failure silently"). */
export function capturingLogger(): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger({ service: 'events-test', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  return { logger, records: () => lines.map((line) => JSON.parse(line) as { level: number; msg: string }) };
}
