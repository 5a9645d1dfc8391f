import { authorize, decide, type AuditEntry, type ChainVerification, type Principal } from '@onewindow/auth';
import type { AuditEntryRecordedData } from '@onewindow/events/catalog';
import { invalid } from '@onewindow/kernel';
import type { PlatformAuditLog } from '../ports.js';

/** Consumer use case: one entry of a service's trail joins the platform trail, once. */
export class CollectAuditEntry {
  constructor(private readonly log: PlatformAuditLog) {}

  execute(entry: AuditEntryRecordedData): Promise<void> {
    return this.log.collect(entry);
  }
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Where the next page starts; empty on the last. */
  readonly nextAfterId: string;
  readonly chain: ChainVerification;
}

const MAX_LIMIT = 200;

/**
 * The platform audit trail for supervisors (their jurisdiction: entries of
 * actors who sit in it) and platform administrators (everything), with the
 * chain verified on every read.
 */
export class ListAuditEntries {
  constructor(private readonly log: PlatformAuditLog) {}

  async execute(caller: Principal, query: { subject: string; afterId: string; limit: number }): Promise<AuditPage> {
    authorize(caller, 'audit.read', { orgUnit: caller.orgUnit });
    if (query.afterId && !/^\d{12}$/.test(query.afterId)) {
      throw invalid('PAGE_TOKEN_INVALID', 'afterId is not an audit entry id', [{ field: 'afterId', message: '12 digits' }]);
    }
    const limit = Math.min(Math.max(query.limit || 50, 1), MAX_LIMIT);
    const scanned = await this.log.list(query.subject || undefined, { limit, ...(query.afterId ? { afterId: query.afterId } : {}) });
    const entries = scanned.filter((e) => decide(caller, 'audit.read', { orgUnit: e.actor.orgUnit || undefined, hall: e.actor.hall || undefined }).allowed);
    const last = scanned.at(-1);
    return { entries, nextAfterId: scanned.length === limit && last ? last.id : '', chain: await this.log.verify() };
  }
}
