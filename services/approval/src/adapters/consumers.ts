import { EVENT_TYPES, isEvent, TOPICS, type ConsumerSpec, type EventEnvelope } from '@onewindow/events';
import type { CaseWriter } from '../app/case-writer.js';
import type { OpenCase } from '../app/open-case.js';
import type { CaseRepository } from '../app/ports.js';
import type { RecordDelegation } from '../app/record-delegation.js';

/** Opens the workflow of every accepted case; other intake events are not this group's business. */
export function caseAcceptedConsumer(openCase: OpenCase): ConsumerSpec {
  return {
    group: 'approval.cases',
    topics: [TOPICS.INTAKE_CASE],
    types: [EVENT_TYPES.CASE_ACCEPTED],
    handle: async (event) => {
      if (!isEvent(event, EVENT_TYPES.CASE_ACCEPTED)) return;
      await openCase.execute(event.data);
    },
  };
}

/**
 * Keeps the read models (task inbox, supervision rows) in step with the
 * cases: every approval event names its case, whose tasks and row are
 * copied again (a newer copy is never replaced by an older one). Normally
 * the write already refreshed them; this catches up after a process died
 * in between.
 */
export function inboxConsumer(cases: CaseRepository, writer: CaseWriter): ConsumerSpec {
  return {
    group: 'approval.inbox',
    topics: [TOPICS.APPROVAL_CASE],
    handle: async (event: EventEnvelope) => {
      const stored = await cases.get(event.subject);
      if (stored) await writer.refreshReadModels(stored.case, stored.version);
    },
  };
}

/** Approval's copy of identity's stand-ins (AB角). */
export function delegationConsumer(record: RecordDelegation): ConsumerSpec {
  return {
    group: 'approval.delegations',
    topics: [TOPICS.IDENTITY_DELEGATION],
    types: [EVENT_TYPES.DELEGATION_CREATED, EVENT_TYPES.DELEGATION_REVOKED],
    handle: async (event) => {
      if (isEvent(event, EVENT_TYPES.DELEGATION_CREATED)) await record.created(event.data);
      else if (isEvent(event, EVENT_TYPES.DELEGATION_REVOKED)) await record.revoked(event.data);
    },
  };
}
