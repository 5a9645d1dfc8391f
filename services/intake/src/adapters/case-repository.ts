import type { Filter, FindOptions, Store } from '@onewindow/store';
import type { Case } from '../domain/case.js';
import type { CaseRepository, CaseScope, CaseTimer } from '../app/ports.js';

/**
 * A stored case carries a few derived fields for its queries:
 * - `dedupeKey` (with `filerId`) backs idempotent submission with a unique
 *   index: the filer's key when given, else the case's own id, so cases
 *   without a key never collide (a unique index treats a missing value as
 *   one value in MongoDB);
 * - `timer` names the clock that runs (the Art. 32 notice clock, or pending
 *   materials), so the deadline sweep reads only those cases;
 * - `div2` / `div4` are the province and city prefixes of the org unit, for
 *   a supervisor's jurisdiction (the store filters by equality only).
 */
type CaseDoc = Case & {
  readonly filerId: string;
  readonly dedupeKey: string;
  readonly timer: CaseTimer | 'NONE';
  readonly div2: string;
  readonly div4: string;
};

export const CASES = {
  name: 'cases',
  indexes: [
    { fields: ['filerId', 'dedupeKey'], unique: true },
    { fields: ['caseNumber'], unique: true },
    { fields: ['applicantId'] },
    { fields: ['filerId'] },
    { fields: ['hall'] },
    { fields: ['status'] },
    { fields: ['timer'] },
    { fields: ['orgUnit'] },
    { fields: ['div2'] },
    { fields: ['div4'] },
  ],
} as const;

function timerOf(c: Case): CaseDoc['timer'] {
  if (c.status === 'SUBMITTED' && !c.notifiedAt && c.noticeDueDate) return 'NOTICE';
  if (c.status === 'ACCEPTED' && c.pending && !c.pending.suppliedAt) return 'PENDING';
  return 'NONE';
}

function toDoc(c: Case): CaseDoc {
  return {
    ...c,
    filerId: c.filedBy.subject,
    dedupeKey: c.idempotencyKey === null ? `id:${c.id}` : `key:${c.filedBy.subject}:${c.idempotencyKey}`,
    timer: timerOf(c),
    div2: c.orgUnit.slice(0, 2),
    div4: c.orgUnit.slice(0, 4),
  };
}

/**
 * A case as read, with the fields added since the first release filled in
 * for cases stored before them (an embedded data folder survives upgrades).
 */
function toCase(doc: CaseDoc): Case {
  const { filerId: _f, dedupeKey: _d, timer: _t, div2: _2, div4: _4, ...stored } = doc;
  return { ...legacyDefaults(stored), ...stored };
}

function legacyDefaults(stored: Partial<Case> & Pick<Case, 'applicantId'>): Partial<Case> {
  const submittedAt = stored.submittedAt ?? null;
  return {
    applicantKind: 'NATURAL_PERSON',
    applicantIdNumberMasked: null,
    applicantIdNumberSealed: null,
    filedBy: { subject: stored.applicantId, username: '', role: 'APPLICANT' },
    channel: 'ONLINE',
    bundleApplicationId: null,
    commitments: [],
    createdAt: submittedAt ?? '',
    preReview: null,
    noticeDueDate: null,
    notifiedAt: stored.acceptedAt ?? null,
    supplementRequest: null,
    rejection: null,
    acceptanceKind: stored.acceptedAt ? 'STANDARD' : null,
    paperMaterials: [],
    pending: null,
    windowDecision: null,
    terminatedAt: null,
    documents: [],
  };
}

function scopeFilter(scope: Exclude<CaseScope, { kind: 'applicant' }>): Filter {
  switch (scope.kind) {
    case 'hall':
      return { hall: scope.hall };
    case 'division':
      return scope.prefix.length === 2 ? { div2: scope.prefix } : scope.prefix.length === 4 ? { div4: scope.prefix } : { orgUnit: scope.prefix };
    case 'all':
      return {};
  }
}

export function storeCaseRepository(store: Store): CaseRepository {
  const cases = store.collection<CaseDoc>(CASES);
  const page = (limit: number, afterId?: string): FindOptions => ({ sort: '-id', limit, ...(afterId ? { afterId } : {}) });
  return {
    get: async (id) => {
      const found = await cases.get(id);
      return found ? { case: toCase(found.value), version: found.version } : null;
    },
    findByIdempotencyKey: async (filerId, key) => {
      const [found] = await cases.find({ filerId, dedupeKey: `key:${filerId}:${key}` }, { limit: 1 });
      return found ? toCase(found.value) : null;
    },
    add: async (c, events) => {
      await cases.insert(toDoc(c), events);
    },
    save: async (c, expectedVersion, events) => {
      await cases.update(toDoc(c), expectedVersion, events);
    },
    list: async (scope, request) => {
      const status: Filter = request.status ? { status: request.status } : {};
      if (scope.kind !== 'applicant') {
        const found = await cases.find({ ...scopeFilter(scope), ...status }, page(request.limit, request.afterId));
        return found.map((v) => toCase(v.value));
      }
      // Their own cases and those they filed for others (帮办代办), merged newest first.
      const [own, filed] = await Promise.all([
        cases.find({ applicantId: scope.applicantId, ...status }, page(request.limit, request.afterId)),
        cases.find({ filerId: scope.applicantId, ...status }, page(request.limit, request.afterId)),
      ]);
      const merged = new Map([...own, ...filed].map((v) => [v.value.id, toCase(v.value)]));
      return [...merged.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, request.limit);
    },
    withTimer: async (timer, request) => {
      const found = await cases.find({ timer }, { sort: 'id', limit: request.limit, ...(request.afterId ? { afterId: request.afterId } : {}) });
      return found.map((v) => toCase(v.value));
    },
    byIds: async (ids) => {
      if (!ids.length) return [];
      const found = await cases.find({ id: { in: [...ids] } });
      return found.map((v) => toCase(v.value));
    },
  };
}
