import type { Filter, Store } from '@onewindow/store';
import type { Case } from '../domain/case.js';
import type { CaseRepository, CaseScope } from '../app/ports.js';

/**
 * `dedupeKey` backs idempotent submission with a unique index: the client's
 * key when given, else the case's own id, so cases without a key never
 * collide (a unique index treats a missing value as one value in MongoDB).
 */
type CaseDoc = Case & { readonly dedupeKey: string };

export const CASES = {
  name: 'cases',
  indexes: [
    { fields: ['applicantId', 'dedupeKey'], unique: true },
    { fields: ['caseNumber'], unique: true },
    { fields: ['hall'] },
    { fields: ['status'] },
  ],
} as const;

const dedupeKey = (c: Case) => (c.idempotencyKey === null ? `id:${c.id}` : `key:${c.idempotencyKey}`);

function toCase(doc: CaseDoc): Case {
  const { dedupeKey: _dedupeKey, ...c } = doc;
  return c;
}

function scopeFilter(scope: CaseScope): Filter {
  switch (scope.kind) {
    case 'applicant':
      return { applicantId: scope.applicantId };
    case 'hall':
      return { hall: scope.hall };
    case 'all':
      return {};
  }
}

export function storeCaseRepository(store: Store): CaseRepository {
  const cases = store.collection<CaseDoc>(CASES);
  return {
    get: async (id) => {
      const found = await cases.get(id);
      return found ? { case: toCase(found.value), version: found.version } : null;
    },
    findByIdempotencyKey: async (applicantId, key) => {
      const [found] = await cases.find({ applicantId, dedupeKey: `key:${key}` }, { limit: 1 });
      return found ? toCase(found.value) : null;
    },
    add: async (c, events) => {
      await cases.insert({ ...c, dedupeKey: dedupeKey(c) }, events);
    },
    save: async (c, expectedVersion, events) => {
      await cases.update({ ...c, dedupeKey: dedupeKey(c) }, expectedVersion, events);
    },
    list: async (scope, page) => {
      const filter: Filter = { ...scopeFilter(scope), ...(page.status ? { status: page.status } : {}) };
      const found = await cases.find(filter, {
        sort: '-id',
        limit: page.limit,
        ...(page.afterId ? { afterId: page.afterId } : {}),
      });
      return found.map((v) => toCase(v.value));
    },
  };
}
