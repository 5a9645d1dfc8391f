import { isDomainError } from '@onewindow/kernel';
import { lostWriteRace, STORE_DUPLICATE, type Collection, type Filter, type Store } from '@onewindow/store';
import { isOpen, type ApprovalCase } from '../domain/case.js';
import type { WorkflowDefinition } from '../domain/definition.js';
import type { SupervisionRow } from '../domain/supervision.js';
import {
  INBOX_LIMIT,
  isInForce,
  type CaseRepository,
  type Delegation,
  type DelegationRepository,
  type InboxTask,
  type SupervisionRows,
  type TaskInbox,
  type WorkflowRepository,
} from '../app/ports.js';

const isDuplicate = (err: unknown) => isDomainError(err) && err.code === STORE_DUPLICATE;

export const CASES = {
  name: 'approval_cases',
  indexes: [{ fields: ['status', 'id'] }, { fields: ['agency'] }, { fields: ['hall'] }, { fields: ['itemCode'] }],
} as const;

export function storeCaseRepository(store: Store): CaseRepository {
  const cases = store.collection<ApprovalCase>(CASES);
  return {
    get: async (id) => {
      const found = await cases.get(id);
      return found ? { case: found.value, version: found.version } : null;
    },
    create: async (c, events) => {
      try {
        await cases.insert(c, events);
        return true;
      } catch (err) {
        if (isDuplicate(err)) return false;
        throw err;
      }
    },
    save: async (c, expectedVersion, events) => (await cases.update(c, expectedVersion, events)).version,
    page: async (filter, afterId, limit) => {
      const where: Filter = filter.status ? { status: filter.status } : {};
      const found = await cases.find(where, { sort: 'id', limit, ...(afterId ? { afterId } : {}) });
      return found.map((v) => v.value);
    },
  };
}

export const INBOX = {
  name: 'task_inbox',
  indexes: [
    { fields: ['orgUnit', 'role', 'agency', 'status', 'createdAt'] },
    { fields: ['assignee', 'status', 'createdAt'] },
    { fields: ['status', 'createdAt'] },
    { fields: ['caseId'] },
  ],
} as const;

/** The inbox copy of a case's tasks. */
export function inboxCopies(c: ApprovalCase, version: number): InboxTask[] {
  return c.tasks.map((t) => ({
    ...t,
    caseNumber: c.caseNumber,
    itemCode: c.itemCode,
    itemName: c.itemName,
    applicantName: c.applicantName,
    greenChannel: c.greenChannel !== null,
    caseStatus: c.status,
    promisedDeadline: c.clock.promised.deadline,
    statutoryDeadline: c.clock.statutory.deadline,
    caseVersion: version,
  }));
}

/**
 * Writes what `change` makes of the stored document (null when there is
 * none), creating it if absent; nothing when `change` returns null. Read
 * again and retried when another writer got there first, up to five times.
 */
async function upsert<T extends { readonly id: string }>(collection: Collection<T>, id: string, change: (existing: T | null) => T | null): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await collection.get(id);
    const next = change(stored?.value ?? null);
    if (!next) return;
    try {
      if (stored) await collection.update(next, stored.version);
      else await collection.insert(next);
      return;
    } catch (err) {
      if (!lostWriteRace(err)) throw err;
    }
  }
}

/** Writes a read-model copy unless the stored one was made from the same or a newer case version. */
const putNewer = <T extends { readonly id: string; readonly caseVersion: number }>(collection: Collection<T>, copy: T): Promise<void> =>
  upsert(collection, copy.id, (stored) => (stored && stored.caseVersion >= copy.caseVersion ? null : copy));

export function storeTaskInbox(store: Store): TaskInbox {
  const inbox = store.collection<InboxTask>(INBOX);
  const put = (copy: InboxTask) => putNewer(inbox, copy);
  return {
    async sync(c, version) {
      // Open tasks first: they are what an inbox reader is waiting for.
      const copies = inboxCopies(c, version).sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)));
      for (const copy of copies) await put(copy);
    },
    async list(query) {
      const found: InboxTask[] = [];
      const options = { sort: 'createdAt', limit: INBOX_LIMIT } as const;
      const find = async (where: Filter) => {
        const filter = query.caseId ? { ...where, caseId: query.caseId } : where;
        found.push(...(await inbox.find(filter, options)).map((v) => v.value));
      };
      if (query.everything) await find({ status: query.status });
      for (const pool of query.pools) await find({ orgUnit: pool.orgUnit, role: pool.role, agency: pool.agency, status: query.status });
      if (query.assignees.length > 0) await find({ assignee: { in: [...query.assignees] }, status: query.status });
      return found;
    },
  };
}

export const SUPERVISION_ROWS = { name: 'supervision_rows' } as const;
const APPROVAL_MARKS = { name: 'approval_marks' } as const;
const ROWS_BACKFILLED = 'supervision-rows-backfilled';

export function storeSupervisionRows(store: Store): SupervisionRows {
  const rows = store.collection<SupervisionRow & { readonly caseVersion: number }>(SUPERVISION_ROWS);
  const marks = store.collection<{ readonly id: string; readonly at: string }>(APPROVAL_MARKS);
  return {
    put: (row, caseVersion) => putNewer(rows, { ...row, caseVersion }),
    page: async (afterId, limit) =>
      (await rows.find({}, { sort: 'id', limit, ...(afterId ? { afterId } : {}) })).map(({ value: { caseVersion: _version, ...row } }) => row),
    backfilled: async () => (await marks.get(ROWS_BACKFILLED)) !== null,
    markBackfilled: async (at) => {
      try {
        await marks.insert({ id: ROWS_BACKFILLED, at });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
    },
  };
}

export const WORKFLOWS = {
  name: 'workflow_definitions',
  indexes: [{ fields: ['itemCode', 'version'], unique: true }],
} as const;

type StoredDefinition = WorkflowDefinition & { readonly id: string };

export function storeWorkflowRepository(store: Store): WorkflowRepository {
  const definitions = store.collection<StoredDefinition>(WORKFLOWS);
  const strip = ({ id: _id, ...definition }: StoredDefinition): WorkflowDefinition => definition;
  return {
    current: async (itemCode) => {
      const [latest] = await definitions.find({ itemCode }, { sort: '-version', limit: 1 });
      return latest ? strip(latest.value) : null;
    },
    insert: async (definition) => {
      try {
        await definitions.insert({ ...definition, id: `${definition.itemCode}@${definition.version}` });
        return true;
      } catch (err) {
        if (isDuplicate(err)) return false;
        throw err;
      }
    },
    listCurrent: async () => {
      const latest = new Map<string, WorkflowDefinition>();
      for (const { value } of await definitions.find({}, { sort: 'itemCode', limit: 5000 })) {
        const seen = latest.get(value.itemCode);
        if (!seen || seen.version < value.version) latest.set(value.itemCode, strip(value));
      }
      return [...latest.values()];
    },
  };
}

export const DELEGATIONS = {
  name: 'delegations',
  indexes: [{ fields: ['substituteId'] }],
} as const;

export function storeDelegationRepository(store: Store): DelegationRepository {
  const delegations = store.collection<Delegation>(DELEGATIONS);
  return {
    created: (d) =>
      upsert(delegations, d.id, (existing) => {
        if (existing && existing.principalId !== '') return null;
        // A revocation that overtook the creation is kept.
        return { ...d, revokedAt: existing?.revokedAt ?? null };
      }),
    revoked: (id, revokedAt) =>
      upsert(delegations, id, (existing) => {
        if (existing?.revokedAt) return null;
        const tombstone: Delegation = {
          id,
          principalId: '',
          principalUsername: '',
          substituteId: '',
          substituteUsername: '',
          orgUnit: '',
          agency: '',
          role: '',
          from: revokedAt,
          until: revokedAt,
          createdAt: revokedAt,
          revokedAt: null,
        };
        return { ...(existing ?? tombstone), revokedAt };
      }),
    activeFor: async (substituteId, now) => {
      if (!substituteId) return [];
      const found = await delegations.find({ substituteId }, { limit: 200 });
      return found.map((v) => v.value).filter((d) => isInForce(d, now));
    },
  };
}
