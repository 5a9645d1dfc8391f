#!/usr/bin/env node
// Baseline: raw inserts into the store port, one writer awaiting each write,
// as a service's use case does. Each document is shaped like a case (about
// 1.5 KB of JSON) and carries one outbox event, so each insert is the same
// transaction a submission commits. Prints one JSON line.
//   node load-tests/baselines/store.mjs sqlite <dir> <seconds>
//   node load-tests/baselines/store.mjs mongo <mongo-url> <seconds>
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, newId } from '@onewindow/kernel';
import { openStore } from '@onewindow/store';
import { summarise } from './stats.mjs';

const [kind = 'sqlite', where = '.', secondsArg = '5'] = process.argv.slice(2);
const seconds = Number(secondsArg);
const logger = createLogger({ service: 'baseline-store', level: 'warn' });
const database = `onewindow_baseline_${process.pid}`;
const store = await openStore(
  kind === 'mongo' ? { kind: 'mongo', uri: where, database } : { kind: 'sqlite', file: join(where, 'baseline-store.db') },
  logger,
);
const cases = store.collection({ name: 'baseline_cases', indexes: [{ fields: ['applicantId'] }, { fields: ['caseNumber'], unique: true }] });

const form = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, `值-${i}-${'x'.repeat(20)}`]));
const latencies = [];
const deadline = performance.now() + seconds * 1000;
let n = 0;
const started = performance.now();
while (performance.now() < deadline) {
  const id = newId();
  const doc = { id, caseNumber: `BASE-${process.pid}-${n}`, applicantId: `applicant-${n % 100}`, itemCode: 'SCJG-DJ-001', status: 'SUBMITTED', form, materials: [{ code: 'M01', fileId: 'file-1' }], history: [] };
  const event = { id: newId(), topic: 'onewindow.baseline.v1', key: id, payload: JSON.stringify({ id, type: 'baseline', data: { id } }) };
  const t = performance.now();
  await cases.insert(doc, [event]);
  latencies.push(performance.now() - t);
  n++;
  // Drain the outbox as the relay would, so it does not grow without bound.
  if (n % 100 === 0) await store.outbox.markPublished(await store.outbox.pending(100));
}
const elapsed = (performance.now() - started) / 1000;
await store.close();
if (kind === 'sqlite') for (const f of ['', '-wal', '-shm']) rmSync(join(where, `baseline-store.db${f}`), { force: true });
console.log(JSON.stringify({ baseline: 'store', kind, inserts: n, seconds: elapsed, perSecond: n / elapsed, latencyMs: summarise(latencies) }));
// A client library's idle timers must not keep the runner waiting.
process.exit(0);
