#!/usr/bin/env node
// Baseline: raw produce and consume on the event bus port, no outbox, no
// dedupe, no handler work. Produce: one publisher awaiting each publish of
// one message (what a relay round of one entry costs). Consume: one consumer
// group reading everything produced. Prints one JSON line.
//   node load-tests/baselines/bus.mjs embedded <dir> <seconds>
//   node load-tests/baselines/bus.mjs kafka <brokers> <seconds>
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEventBus } from '@onewindow/events';
import { createLogger, newId } from '@onewindow/kernel';
import { summarise } from './stats.mjs';

const [kind = 'embedded', where = '.', secondsArg = '5'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const logger = createLogger({ service: 'baseline-bus', level: 'warn' });
const file = join(where, 'baseline-bus.db');
const bus = await openEventBus(
  kind === 'kafka' ? { kind: 'kafka', brokers: where.split(','), clientId: `baseline-${process.pid}` } : { kind: 'embedded', file },
  logger,
);
const topic = `onewindow.baseline.${process.pid}.v1`;
const payload = JSON.stringify({ specversion: '1.0', type: 'baseline', data: { text: 'x'.repeat(600) } });

const produceLatencies = [];
const deadline = performance.now() + seconds * 1000;
const producedStart = performance.now();
let produced = 0;
while (performance.now() < deadline) {
  const t = performance.now();
  await bus.publish([{ topic, key: newId(), value: payload, headers: { 'ce-id': newId() } }]);
  produceLatencies.push(performance.now() - t);
  produced++;
}
const produceSeconds = (performance.now() - producedStart) / 1000;

let consumed = 0;
let finish;
const done = new Promise((r) => (finish = r));
const consumeStart = performance.now();
const subscription = await bus.subscribe({
  group: `baseline-${process.pid}`,
  topics: [topic],
  handler: async () => {
    consumed++;
    if (consumed >= produced) finish();
  },
});
const timeout = setTimeout(finish, Math.max(30_000, seconds * 4000));
await done;
clearTimeout(timeout);
const consumeSeconds = (performance.now() - consumeStart) / 1000;
await subscription.close();
await bus.close();
if (kind === 'embedded') for (const f of ['', '-wal', '-shm']) rmSync(`${file}${f}`, { force: true });
console.log(JSON.stringify({
  baseline: 'bus',
  kind,
  produced,
  producePerSecond: produced / produceSeconds,
  produceLatencyMs: summarise(produceLatencies),
  consumed,
  consumePerSecond: consumed / consumeSeconds,
}));
// A client library's idle timers must not keep the runner waiting.
process.exit(0);
