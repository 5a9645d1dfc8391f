// A real SQLite store in a temp dir per test, closed and removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@onewindow/events';
import { openSqliteStore, type Store } from '@onewindow/store';
import { afterEach } from 'vitest';

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
  return (await store.outbox.pending(100)).map((entry) => JSON.parse(entry.payload) as EventEnvelope);
}
