import { createAuditTrail, type AuditEntry } from '@onewindow/auth';
import type { Store } from '@onewindow/store';
import type { PlatformAuditLog } from '../../app/ports.js';

/**
 * The platform trail: each service's entries, in the order identity
 * receives them, chained again. Every entry names its source (service,
 * entry id, hash), so it can be checked against the service's own trail.
 */
export function storePlatformAuditLog(store: Store): PlatformAuditLog {
  const collection = store.collection<AuditEntry>({
    name: 'platform_audit',
    indexes: [{ fields: ['actor.subject'] }, { fields: ['source.service', 'source.entryId'] }],
  });
  const trail = createAuditTrail({ collection });
  return {
    async collect(entry) {
      const seen = await collection.find({ 'source.service': entry.service, 'source.entryId': entry.id }, { limit: 1 });
      if (seen.length > 0) return;
      const { id, seq: _seq, prevHash: _prev, hash, ...record } = entry;
      await trail.append({ ...record, source: { service: entry.service, entryId: id, hash } });
    },
    list: (subject, page) => trail.list(subject ? { 'actor.subject': subject } : {}, page),
    verify: () => trail.verify(),
  };
}
