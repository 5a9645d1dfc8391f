import { describe, expect, it } from 'vitest';
import { conflict, ManualClock } from '@onewindow/kernel';
import {
  auditRecord,
  canonicalJson,
  createAuditTrail,
  GENESIS_HASH,
  sealEntry,
  verifyChain,
  type AuditCollection,
  type AuditEntry,
  type AuditOutboxMessage,
  type AuditRecord,
} from './audit.js';
import type { Principal } from './principal.js';

const clock = new ManualClock('2026-03-02T01:30:00Z');
const clerk: Principal = {
  subject: 'u-clerk-wuhou',
  username: 'clerk-wuhou',
  roles: ['clerk'],
  orgUnit: '510107',
  hall: 'hall-510107-01',
  clientId: 'onewindow-console',
  token: 'never-in-the-trail',
};

function recordFixture(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    ...auditRecord({
      clock,
      service: 'intake',
      principal: clerk,
      action: 'onewindow.intake.v1.IntakeService/AcceptCase',
      outcome: 'DENIED',
      reason: 'clerk: case is not at their hall',
      resource: 'case:0190',
      window: 'hall-510107-01-w01',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    }),
    ...overrides,
  };
}

/** Insert-only, unique ids, sorted by id: what the store guarantees the trail. */
class MemoryCollection implements AuditCollection {
  readonly rows = new Map<string, AuditEntry>();
  readonly outbox: AuditOutboxMessage[] = [];
  async find(filter: Readonly<Record<string, string | number | boolean | null>>, options: { limit?: number; sort?: string; afterId?: string } = {}) {
    const matches = (e: AuditEntry) =>
      Object.entries(filter).every(([path, v]) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], e) === v);
    let rows = [...this.rows.values()].filter(matches).sort((a, b) => a.id.localeCompare(b.id));
    if (options.sort === '-id') rows.reverse();
    if (options.afterId) rows = rows.filter((r) => r.id > options.afterId!);
    return rows.slice(0, options.limit ?? rows.length).map((value) => ({ value: structuredClone(value) }));
  }
  async insert(value: AuditEntry, events: readonly AuditOutboxMessage[] = []) {
    if (this.rows.has(value.id)) throw conflict('STORE_DUPLICATE', `duplicate ${value.id}`);
    this.rows.set(value.id, structuredClone(value));
    this.outbox.push(...events);
  }
}

describe('audit entries', () => {
  it('records who, what, when, window, trace, outcome and reason, never the token', () => {
    const entry = sealEntry(null, recordFixture());
    expect(entry).toMatchObject({
      id: '000000000001',
      seq: 1,
      prevHash: GENESIS_HASH,
      at: '2026-03-02T01:30:00.000Z',
      actor: { subject: 'u-clerk-wuhou', roles: ['clerk'], orgUnit: '510107', hall: 'hall-510107-01', agency: '' },
      window: 'hall-510107-01-w01',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      outcome: 'DENIED',
      reason: 'clerk: case is not at their hall',
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entry)).not.toContain('never-in-the-trail');
  });

  it('chains each entry to the one before', () => {
    const first = sealEntry(null, recordFixture());
    const second = sealEntry(first, recordFixture({ outcome: 'ALLOWED', reason: 'clerk: case at their hall' }));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(verifyChain([first, second])).toEqual({ valid: true, checked: 2 });
  });

  it('writes object keys in one order whatever order they came in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});

describe('verifyChain detects tampering', () => {
  const chain = () => {
    const entries: AuditEntry[] = [];
    for (let i = 0; i < 5; i++) entries.push(sealEntry(entries.at(-1) ?? null, recordFixture({ reason: `reason ${i}` })));
    return entries;
  };

  it('a changed field', () => {
    const entries = chain();
    entries[2] = { ...entries[2]!, reason: 'nothing happened' };
    expect(verifyChain(entries)).toMatchObject({ valid: false, brokenAt: 3, checked: 2, problem: 'entry 3 was changed after it was written' });
  });

  it('a changed outcome with its hash recomputed (the next link breaks)', () => {
    const entries = chain();
    const forged = sealEntry(entries[1]!, { ...recordFixture({ reason: 'reason 2' }), outcome: 'ALLOWED' });
    entries[2] = forged;
    expect(verifyChain(entries)).toMatchObject({ valid: false, brokenAt: 4, problem: 'entry 4 does not link to the entry before it' });
  });

  it('a removed entry and a reordering', () => {
    const entries = chain();
    expect(verifyChain([...entries.slice(0, 2), ...entries.slice(3)])).toMatchObject({ valid: false, brokenAt: 3 });
    expect(verifyChain([entries[0]!, entries[2]!, entries[1]!])).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('a run checked from the middle against the entry before it', () => {
    const entries = chain();
    expect(verifyChain(entries.slice(2), entries[1])).toEqual({ valid: true, checked: 3 });
    expect(verifyChain(entries.slice(2), entries[0])).toMatchObject({ valid: false });
  });
});

describe('createAuditTrail', () => {
  it('appends concurrent records as one unbroken chain and announces each in the same write', async () => {
    const collection = new MemoryCollection();
    const trail = createAuditTrail({
      collection,
      announce: (e) => [{ id: `evt-${e.id}`, topic: 'onewindow.audit.v1', key: e.actor.subject, payload: e.hash }],
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => trail.append(recordFixture({ reason: `r${i}` }))));
    expect(await trail.verify()).toEqual({ valid: true, checked: 12 });
    expect(collection.outbox.map((m) => m.id)).toEqual(Array.from({ length: 12 }, (_, i) => `evt-${String(i + 1).padStart(12, '0')}`));
  });

  it('retries when another writer took the sequence number first', async () => {
    const collection = new MemoryCollection();
    const mine = createAuditTrail({ collection });
    const theirs = createAuditTrail({ collection });
    await Promise.all([mine.append(recordFixture()), theirs.append(recordFixture()), mine.append(recordFixture()), theirs.append(recordFixture())]);
    expect(await mine.verify()).toEqual({ valid: true, checked: 4 });
  });

  it('lists by actor in chain order and finds tampering in storage', async () => {
    const collection = new MemoryCollection();
    const trail = createAuditTrail({ collection });
    await trail.append(recordFixture());
    await trail.append(recordFixture({ actor: { ...recordFixture().actor, subject: 'u-other' } }));
    await trail.append(recordFixture());
    expect((await trail.list({ 'actor.subject': 'u-clerk-wuhou' })).map((e) => e.seq)).toEqual([1, 3]);
    const stored = collection.rows.get('000000000002')!;
    collection.rows.set(stored.id, { ...stored, actor: { ...stored.actor, subject: 'u-clerk-wuhou' } });
    expect(await trail.verify()).toMatchObject({ valid: false, brokenAt: 2 });
  });
});
