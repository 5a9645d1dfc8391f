/**
 * The store contract, written once and run against every adapter. `open`
 * must return a new store instance over the SAME database on every call, so
 * that two instances can race and a reopened store sees what a closed one
 * wrote. Each test uses its own collection; the outbox is drained around
 * each test because it is shared by all collections.
 */
import { isDomainError } from '@onewindow/kernel';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionSpec, Filter, Identified, OutboxEntry, OutboxMessage, Store } from '../src/index.js';

interface Case extends Identified {
  readonly status: string;
  readonly priority?: number;
  readonly urgent?: unknown;
  readonly applicant?: { readonly name: string; readonly city: string };
  readonly caseNumber?: string;
}

let sequence = 0;
const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${++sequence}`;

const event = (id: string, key = 'case-1'): OutboxMessage => ({
  id,
  topic: 'case.accepted',
  key,
  payload: JSON.stringify({ id, type: 'case.accepted' }),
});

async function rejection(promise: Promise<unknown>): Promise<{ kind: string; code: string }> {
  try {
    await promise;
  } catch (err) {
    if (isDomainError(err)) return { kind: err.kind, code: err.code };
    throw err;
  }
  throw new Error('expected a rejection, got a result');
}

async function drain(store: Store): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const batch = await store.outbox.pending(500);
    if (batch.length === 0) return;
    await store.outbox.markPublished(batch);
  }
  throw new Error('the outbox does not drain: markPublished leaves entries pending');
}

const idsOf = (rows: readonly { value: Identified }[]) => rows.map((r) => r.value.id);

export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    let store: Store;
    let spec: CollectionSpec;

    const openTracked = async () => {
      const s = await open();
      opened.push(s);
      return s;
    };
    const pendingFor = async (s: Store, collection: string): Promise<OutboxEntry[]> =>
      (await s.outbox.pending(1000)).filter((e) => e.collection === collection);

    beforeEach(async () => {
      store = await openTracked();
      await drain(store);
      spec = {
        name: uniqueName('cases'),
        indexes: [{ fields: ['status'] }, { fields: ['caseNumber'], unique: true }, { fields: ['applicant.city'] }],
      };
    });
    afterEach(async () => {
      await drain(store);
    });
    afterAll(async () => {
      for (const s of opened) await s.close();
    });

    describe('documents', () => {
      it('refuses collection names that are not plain identifiers or that belong to the adapters and engines', async () => {
        for (const name of ['outbox', '_locks', 'sqlite_master', 'system_users', 'bad-name', '1cases', '']) {
          expect(() => store.collection<Case>({ name }), name).toThrow(expect.objectContaining({ code: 'STORE_BAD_SPEC' }));
        }
      });

      it('round-trips a document and starts it at version 1', async () => {
        const cases = store.collection<Case>(spec);
        const doc: Case = { id: 'c1', status: 'ACCEPTED', applicant: { name: '张三', city: '杭州' }, urgent: null };

        const inserted = await cases.insert(doc);

        expect(inserted).toEqual({ value: doc, version: 1 });
        expect(await cases.get('c1')).toEqual({ value: doc, version: 1 });
        expect(await cases.get('missing')).toBeNull();
      });

      it('keeps nested arrays, numbers and unicode exactly', async () => {
        const cases = store.collection<Case & { items: unknown[] }>(spec);
        const doc = { id: 'c1', status: '受理', items: [1, 2.5, 'x', { a: [true, false] }], priority: -3 };

        await cases.insert(doc);

        expect((await cases.get('c1'))?.value).toEqual(doc);
      });

      it('increments the version on each update', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' });

        const second = await cases.update({ id: 'c1', status: 'ACCEPTED' }, 1);
        const third = await cases.update({ id: 'c1', status: 'APPROVED' }, 2);

        expect(second.version).toBe(2);
        expect(third.version).toBe(3);
        expect(await cases.get('c1')).toEqual({ value: { id: 'c1', status: 'APPROVED' }, version: 3 });
      });

      it('refuses an update against a stale version and changes nothing', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' });
        await cases.update({ id: 'c1', status: 'ACCEPTED' }, 1);

        const error = await rejection(cases.update({ id: 'c1', status: 'REFUSED' }, 1, [event('e-stale')]));

        expect(error).toEqual({ kind: 'conflict', code: 'STORE_VERSION_CONFLICT' });
        expect(await cases.get('c1')).toEqual({ value: { id: 'c1', status: 'ACCEPTED' }, version: 2 });
        expect(await pendingFor(store, spec.name)).toEqual([]);
      });

      it('refuses an update of a document that does not exist', async () => {
        const cases = store.collection<Case>(spec);

        const error = await rejection(cases.update({ id: 'ghost', status: 'NEW' }, 1));

        expect(error.code).toBe('STORE_VERSION_CONFLICT');
        expect(await cases.get('ghost')).toBeNull();
      });

      it('refuses a second document with the same id and keeps the first', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' });

        const error = await rejection(cases.insert({ id: 'c1', status: 'OTHER' }, [event('e-dup')]));

        expect(error).toEqual({ kind: 'conflict', code: 'STORE_DUPLICATE' });
        expect((await cases.get('c1'))?.value.status).toBe('NEW');
        expect(await pendingFor(store, spec.name)).toEqual([]);
      });

      it('enforces unique indexes on insert and update, but not between documents without the field', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW', caseNumber: '330100-2025-0001' });
        await cases.insert({ id: 'c2', status: 'NEW', caseNumber: '330100-2025-0002' });
        await cases.insert({ id: 'c3', status: 'NEW' });
        await cases.insert({ id: 'c4', status: 'NEW' });

        const onInsert = await rejection(cases.insert({ id: 'c5', status: 'NEW', caseNumber: '330100-2025-0001' }));
        const onUpdate = await rejection(cases.update({ id: 'c2', status: 'NEW', caseNumber: '330100-2025-0001' }, 1));

        expect(onInsert.code).toBe('STORE_DUPLICATE');
        expect(onUpdate.code).toBe('STORE_DUPLICATE');
        expect(await cases.get('c5')).toBeNull();
        expect(await cases.get('c2')).toEqual({
          value: { id: 'c2', status: 'NEW', caseNumber: '330100-2025-0002' },
          version: 1,
        });
      });

      it('refuses a document without a string id', async () => {
        const cases = store.collection<Case>(spec);
        const noId = { status: 'NEW' } as unknown as Case;

        expect((await rejection(cases.insert(noId))).kind).toBe('invalid');
        expect(await cases.count({})).toBe(0);
      });
    });

    describe('queries', () => {
      const seed = async () => {
        const cases = store.collection<Case>(spec);
        const docs: Case[] = [
          { id: 'a', status: 'NEW', priority: 3, urgent: true, applicant: { name: 'A', city: '杭州' } },
          { id: 'b', status: 'ACCEPTED', priority: 1, urgent: false, applicant: { name: 'B', city: '宁波' } },
          { id: 'c', status: 'NEW', priority: 2, urgent: 1, applicant: { name: 'C', city: '杭州' } },
          { id: 'd', status: 'REFUSED', priority: 2, urgent: 'true' },
          { id: 'e', status: 'NEW', priority: 5 },
          { id: 'f', status: 'ACCEPTED', priority: 4, urgent: null },
        ];
        for (const doc of docs) await cases.insert(doc);
        return cases;
      };

      it('finds by equality on a field and on a dotted field, in id order', async () => {
        const cases = await seed();

        expect(idsOf(await cases.find({ status: 'NEW' }))).toEqual(['a', 'c', 'e']);
        expect(idsOf(await cases.find({ 'applicant.city': '杭州' }))).toEqual(['a', 'c']);
        expect(idsOf(await cases.find({ status: 'NEW', 'applicant.city': '杭州', priority: 2 }))).toEqual(['c']);
        expect(idsOf(await cases.find({ status: 'nope' }))).toEqual([]);
      });

      it('tells booleans, numbers, strings and null apart', async () => {
        const cases = await seed();

        expect(idsOf(await cases.find({ urgent: true }))).toEqual(['a']);
        expect(idsOf(await cases.find({ urgent: false }))).toEqual(['b']);
        expect(idsOf(await cases.find({ urgent: 1 }))).toEqual(['c']);
        expect(idsOf(await cases.find({ urgent: 'true' }))).toEqual(['d']);
        // null matches an explicit null and a missing field.
        expect(idsOf(await cases.find({ urgent: null }))).toEqual(['e', 'f']);
        expect(idsOf(await cases.find({ priority: '2' }))).toEqual([]);
      });

      it('finds by membership with in', async () => {
        const cases = await seed();

        expect(idsOf(await cases.find({ status: { in: ['ACCEPTED', 'REFUSED'] } }))).toEqual(['b', 'd', 'f']);
        expect(idsOf(await cases.find({ urgent: { in: [true, 1] } }))).toEqual(['a', 'c']);
        expect(idsOf(await cases.find({ urgent: { in: [false, null] } }))).toEqual(['b', 'e', 'f']);
        expect(idsOf(await cases.find({ status: { in: [] } }))).toEqual([]);
      });

      it('sorts ascending and descending on any field, ties by id, and limits', async () => {
        const cases = await seed();

        expect(idsOf(await cases.find({}, { sort: 'priority' }))).toEqual(['b', 'c', 'd', 'a', 'f', 'e']);
        expect(idsOf(await cases.find({}, { sort: '-priority' }))).toEqual(['e', 'f', 'a', 'c', 'd', 'b']);
        expect(idsOf(await cases.find({ status: 'NEW' }, { sort: '-id' }))).toEqual(['e', 'c', 'a']);
        expect(idsOf(await cases.find({}, { sort: 'priority', limit: 2 }))).toEqual(['b', 'c']);
        expect(idsOf(await cases.find({}, { limit: 0 }))).toEqual([]);
        expect(idsOf(await cases.find({}, { sort: '-applicant.city', limit: 2 }))).toEqual(['a', 'c']);
      });

      it('pages through a filter with afterId', async () => {
        const cases = await seed();
        const seen: string[] = [];

        let page = await cases.find({ status: { in: ['NEW', 'ACCEPTED'] } }, { limit: 2 });
        // Bounded, so that an adapter ignoring afterId fails instead of looping.
        for (let pages = 0; page.length > 0 && pages < 10; pages++) {
          seen.push(...idsOf(page));
          page = await cases.find({ status: { in: ['NEW', 'ACCEPTED'] } }, { limit: 2, afterId: seen.at(-1) });
        }

        expect(seen).toEqual(['a', 'b', 'c', 'e', 'f']);
      });

      it('counts with and without a filter', async () => {
        const cases = await seed();

        expect(await cases.count({})).toBe(6);
        expect(await cases.count({ status: 'NEW' })).toBe(3);
        expect(await cases.count({ status: { in: ['ACCEPTED', 'REFUSED'] }, priority: 2 })).toBe(1);
      });

      const injections: [string, unknown][] = [
        ['an operator object', { status: { $gt: '' } }],
        ['a $ne operator', { status: { $ne: null } }],
        ['a top-level operator', { $where: 'true' }],
        ['an operator inside in', { status: { in: [{ $gt: '' }] } }],
        ['in with a non-array', { status: { in: 'NEW' } }],
        ['in with extra keys', { status: { in: ['NEW'], $exists: true } }],
        ['an array value', { status: ['NEW'] }],
        ['a field name with quotes', { "status') OR 1=1 --": 'x' }],
        ['a NaN value', { priority: Number.NaN }],
        ['a non-object filter', 'status = 1'],
      ];
      for (const [label, filter] of injections) {
        it(`refuses ${label} in find and count`, async () => {
          const cases = await seed();

          const onFind = await rejection(cases.find(filter as Filter));
          const onCount = await rejection(cases.count(filter as Filter));

          expect(onFind).toEqual({ kind: 'invalid', code: 'STORE_BAD_FILTER' });
          expect(onCount).toEqual({ kind: 'invalid', code: 'STORE_BAD_FILTER' });
        });
      }

      it('refuses bad sort, limit and afterId options', async () => {
        const cases = await seed();

        for (const options of [{ sort: "priority'; drop" }, { limit: -1 }, { limit: 1.5 }, { sort: 'priority', afterId: 'a' }]) {
          expect((await rejection(cases.find({}, options))).code).toBe('STORE_BAD_FILTER');
        }
      });
    });

    describe('outbox', () => {
      it('holds events written with inserts and updates, in the order written', async () => {
        const cases = store.collection<Case>(spec);

        await cases.insert({ id: 'c1', status: 'NEW' }, [event('e1'), event('e2')]);
        await cases.update({ id: 'c1', status: 'ACCEPTED' }, 1, [event('e3')]);
        await cases.insert({ id: 'c2', status: 'NEW' }, [event('e4', 'case-2')]);

        const pending = await pendingFor(store, spec.name);
        expect(pending.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
        expect(pending[3]).toEqual({ ...event('e4', 'case-2'), collection: spec.name, documentId: 'c2' });
      });

      it('holds nothing from a failed update', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' }, [event('e1')]);

        await rejection(cases.update({ id: 'c1', status: 'X' }, 7, [event('e2'), event('e3')]));

        expect((await pendingFor(store, spec.name)).map((e) => e.id)).toEqual(['e1']);
      });

      it('respects the limit, oldest first', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' }, [event('e1'), event('e2')]);
        await cases.insert({ id: 'c2', status: 'NEW' }, [event('e3')]);

        expect((await store.outbox.pending(2)).map((e) => e.id)).toEqual(['e1', 'e2']);
      });

      it('removes a relay round of published entries spread over many documents', async () => {
        const cases = store.collection<Case>(spec);
        for (let i = 0; i < 120; i++) await cases.insert({ id: `c${i}`, status: 'NEW' }, [event(`e${i}`, `c${i}`)]);
        const pending = await pendingFor(store, spec.name);
        expect(pending).toHaveLength(120);

        await store.outbox.markPublished(pending);

        expect(await pendingFor(store, spec.name)).toEqual([]);
      });

      it('loses neither an update nor a published mark of the same document made at the same moment', async () => {
        const cases = store.collection<Case>(spec);
        for (let round = 0; round < 20; round++) {
          const id = `race-${round}`;
          await cases.insert({ id, status: 'SUBMITTED' }, [event(`${id}-submitted`, id)]);
          const submitted = (await pendingFor(store, spec.name)).filter((e) => e.documentId === id);

          await Promise.all([cases.update({ id, status: 'ACCEPTED' }, 1, [event(`${id}-accepted`, id)]), store.outbox.markPublished(submitted)]);

          expect(await cases.get(id)).toEqual({ value: { id, status: 'ACCEPTED' }, version: 2 });
          expect((await pendingFor(store, spec.name)).filter((e) => e.documentId === id).map((e) => e.id)).toEqual([`${id}-accepted`]);
        }
      });

      it('keeps a relaxed write like any other: committed with its events, and across close and reopen', async () => {
        const first = await open();
        const cases = first.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' }, [event('e-relaxed')], { durability: 'relaxed' });
        await cases.update({ id: 'c1', status: 'ACCEPTED' }, 1, [], { durability: 'relaxed' });
        await first.close();

        const reopened = await openTracked();
        expect(await reopened.collection<Case>(spec).get('c1')).toEqual({ value: { id: 'c1', status: 'ACCEPTED' }, version: 2 });
        expect((await pendingFor(reopened, spec.name)).map((e) => e.id)).toEqual(['e-relaxed']);
      });

      it('announces each committed write that added entries to its watchers, and no other', async () => {
        const cases = store.collection<Case>(spec);
        let calls = 0;
        const unwatch = store.outbox.watch(() => calls++);

        await cases.insert({ id: 'c1', status: 'NEW' }, [event('e1')]);
        expect(calls).toBe(1);
        await cases.update({ id: 'c1', status: 'ACCEPTED' }, 1, [event('e2'), event('e3')]);
        expect(calls).toBe(2);
        await cases.update({ id: 'c1', status: 'CLOSED' }, 2);
        await rejection(cases.update({ id: 'c1', status: 'X' }, 1, [event('e4')]));
        await rejection(cases.insert({ id: 'c1', status: 'NEW' }, [event('e5')]));
        await store.outbox.markPublished(await pendingFor(store, spec.name));
        expect(calls).toBe(2);

        unwatch();
        await cases.insert({ id: 'c2', status: 'NEW' }, [event('e6', 'c2')]);
        expect(calls).toBe(2);
      });

      it('removes published entries, idempotently', async () => {
        const cases = store.collection<Case>(spec);
        await cases.insert({ id: 'c1', status: 'NEW' }, [event('e1'), event('e2')]);
        await cases.insert({ id: 'c2', status: 'NEW' }, [event('e3')]);
        const [first, , third] = await pendingFor(store, spec.name);
        if (!first || !third) throw new Error('expected three pending entries');

        await store.outbox.markPublished([first, third]);
        await store.outbox.markPublished([first, third]);
        await store.outbox.markPublished([]);

        expect((await pendingFor(store, spec.name)).map((e) => e.id)).toEqual(['e2']);
        expect((await cases.get('c1'))?.value).toEqual({ id: 'c1', status: 'NEW' });
      });
    });

    describe('two instances', () => {
      it('lets exactly one of many concurrent updates of the same version win, across two instances', async () => {
        const other = await openTracked();
        const instances = [store.collection<Case>(spec), other.collection<Case>(spec)];
        await instances[0]?.insert({ id: 'c1', status: 'NEW' });

        // Twenty writers, ten per instance, all holding version 1: a race a non-atomic compare-and-set loses.
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            instances[i % 2]?.update({ id: 'c1', status: `S${i}` }, 1, [event(`e-${i}`)]),
          ),
        );

        const won = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost.map((err) => isDomainError(err) && err.code)).toEqual(Array(19).fill('STORE_VERSION_CONFLICT'));
        const winner = won[0];
        expect(winner?.version).toBe(2);
        expect(await instances[1]?.get('c1')).toEqual(winner);
        const winningEvent = `e-${winner?.value.status.slice(1)}`;
        expect((await pendingFor(store, spec.name)).map((e) => e.id)).toEqual([winningEvent]);
      });

      it('keeps documents and pending events across close and reopen', async () => {
        const first = await open();
        await first.collection<Case>(spec).insert({ id: 'c1', status: 'NEW' }, [event('e1')]);
        await first.close();

        const reopened = await openTracked();

        expect(await reopened.collection<Case>(spec).get('c1')).toEqual({ value: { id: 'c1', status: 'NEW' }, version: 1 });
        expect((await pendingFor(reopened, spec.name)).map((e) => e.id)).toEqual(['e1']);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });
  });
}
