import type { OutboxEntry } from './port.js';

/** An event as it rides inside its document until relayed. */
export interface OutboxRecord {
  readonly id: string;
  readonly topic: string;
  readonly key: string;
  readonly payload: string;
  readonly at: Date;
  readonly seq: number;
}

export interface PendingDocument {
  readonly collection: string;
  readonly documentId: string;
  /** In the order written. */
  readonly records: readonly OutboxRecord[];
}

const before = (a: OutboxRecord, b: OutboxRecord) => a.at.getTime() - b.at.getTime() || a.seq - b.seq;

/**
 * Merges the documents' queues oldest first while keeping each document's
 * own order even if the clocks of the processes that wrote it disagree: only
 * the head of each queue competes.
 */
export function mergeOutbox(documents: readonly PendingDocument[], limit: number): OutboxEntry[] {
  const queues = documents.map((doc) => ({ doc, next: 0 })).filter((q) => q.doc.records.length > 0);
  const out: OutboxEntry[] = [];
  while (out.length < limit) {
    let best: (typeof queues)[number] | undefined;
    for (const q of queues) {
      const head = q.doc.records[q.next];
      const bestHead = best?.doc.records[best.next];
      if (head && (!bestHead || before(head, bestHead) < 0)) best = q;
    }
    const record = best?.doc.records[best.next];
    if (!best || !record) break;
    best.next += 1;
    const { collection, documentId } = best.doc;
    out.push({ collection, documentId, id: record.id, topic: record.topic, key: record.key, payload: record.payload });
  }
  return out;
}
