import { EVENT_TYPES, isEvent, TOPICS, type EventHandler } from '@onewindow/events';
import type { CollectAuditEntry } from '../app/audit/audit-log.js';

export interface IdentityConsumer {
  readonly group: string;
  readonly topics: readonly string[];
  readonly handle: EventHandler;
}

/** Every service's audit entries join the platform trail. Failures throw: the runner retries and dead-letters. */
export function identityConsumers(collect: CollectAuditEntry): IdentityConsumer[] {
  return [
    {
      group: 'identity.platform-audit',
      topics: [TOPICS.AUDIT],
      handle: async (event) => {
        if (!isEvent(event, EVENT_TYPES.AUDIT_ENTRY_RECORDED)) return;
        await collect.execute(event.data);
      },
    },
  ];
}
