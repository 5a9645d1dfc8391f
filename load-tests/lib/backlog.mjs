// Embedded mode only: how far behind the asynchronous half of the platform is,
// read from the data folder without taking a lock (WAL readers never block
// writers). Outbox: events committed but not yet relayed, per service. Bus:
// messages published but not yet committed by each consumer group.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const LAG_SQL = `
SELECT o.grp AS grp, SUM(h.next - o.next_offset) AS lag
FROM offsets o
JOIN (SELECT topic, "partition", MAX("offset") + 1 AS next FROM messages GROUP BY topic, "partition") h
  ON h.topic = o.topic AND h."partition" = o."partition"
GROUP BY o.grp`;

function open(file) {
  return existsSync(file) ? new DatabaseSync(file, { readOnly: true, timeout: 2000 }) : undefined;
}

export function backlogReader(dataDir, services) {
  const stores = new Map();
  let bus;
  const storeOf = (service) => {
    if (!stores.has(service)) stores.set(service, open(join(dataDir, `${service}.db`)));
    return stores.get(service);
  };
  return {
    read() {
      const outbox = {};
      for (const s of services) {
        try {
          const row = storeOf(s)?.prepare('SELECT COUNT(*) AS n FROM outbox').get();
          if (row) outbox[s] = Number(row.n);
        } catch {
          // the service has not created its outbox yet
        }
      }
      const lag = {};
      try {
        bus ??= open(join(dataDir, 'events.db'));
        for (const row of bus?.prepare(LAG_SQL).all() ?? []) lag[String(row.grp)] = Number(row.lag);
      } catch {
        // no consumer has committed yet
      }
      return {
        outbox,
        outboxTotal: Object.values(outbox).reduce((a, b) => a + b, 0),
        lag,
        lagTotal: Object.values(lag).reduce((a, b) => a + b, 0),
      };
    },
    close() {
      for (const db of stores.values()) db?.close();
      bus?.close();
    },
  };
}
