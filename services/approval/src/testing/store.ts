// A real SQLite store in a temp dir per test, closed and removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@onewindow/events';
import { createLogger, ManualClock } from '@onewindow/kernel';
import { openSqliteStore, type Store } from '@onewindow/store';
import { afterEach } from 'vitest';
import { composeApproval } from '../compose.js';
import { calendar, SUPERVISION } from './fixtures.js';

const opened: { store: Store; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

export async function tempStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'approval-'));
  const store = await openSqliteStore({ file: join(dir, 'approval.db') });
  opened.push({ store, dir });
  return store;
}

/** The events waiting in the outbox, decoded, oldest first. */
export async function outboxEvents(store: Store): Promise<EventEnvelope[]> {
  return (await store.outbox.pending(1000)).map((entry) => JSON.parse(entry.payload) as EventEnvelope);
}

export const typesOf = async (store: Store): Promise<string[]> => (await outboxEvents(store)).map((e) => e.type);

/** The whole service on a temp store, with a clock the test moves. */
export async function approvalFixture(start = '2026-03-11T02:00:05Z') {
  const store = await tempStore();
  const clock = new ManualClock(start);
  const logger = createLogger({ service: 'approval-test', level: 'silent' });
  const approval = composeApproval({ store, clock, calendar, supervision: SUPERVISION, logger });
  return { store, clock, ...approval };
}
