import { DatabaseSync } from 'node:sqlite';
import { actorOf, createAuditTrail, sealEntry, type AuditEntry } from '@onewindow/auth';
import { describe, expect, it } from 'vitest';
import { demo, principal, rejection, testIdentity } from '../../testing/identity.js';

const clerkWuhou = principal('u-clerk-wuhou', 'clerk-wuhou', ['clerk'], { orgUnit: '510107', hall: 'hall-510107-01' });
const clerkJinjiang = principal('u-clerk-jj', 'clerk-jj', ['clerk'], { orgUnit: '510104', hall: 'hall-510104-01' });

/** Entries as intake's own trail would have written and announced them. */
function intakeEntries(): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const who of [clerkWuhou, clerkJinjiang, clerkWuhou]) {
    entries.push(
      sealEntry(entries.at(-1) ?? null, {
        at: '2026-03-02T02:00:00.000Z',
        service: 'intake',
        actor: actorOf(who),
        action: 'onewindow.intake.v1.IntakeService/AcceptCase',
        resource: 'case:c-1',
        window: '',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        outcome: 'DENIED',
        reason: 'clerk: case is not at their hall',
        onBehalfOf: '',
      }),
    );
  }
  return entries;
}

const wire = (e: AuditEntry) => ({ ...e, actor: { ...e.actor, roles: [...e.actor.roles] } });

describe('the platform audit trail', () => {
  it('collects each service entry once, chained again, naming its source', async () => {
    const { useCases } = await testIdentity();
    const [first, second, third] = intakeEntries();
    for (const e of [first, second, first, third]) await useCases.collectAuditEntry.execute(wire(e!));
    const page = await useCases.listAuditEntries.execute(demo.admin, { subject: '', afterId: '', limit: 0 });
    expect(page.entries.map((e) => [e.seq, e.actor.username, e.source?.entryId])).toEqual([
      [1, 'clerk-wuhou', first!.id],
      [2, 'clerk-jj', second!.id],
      [3, 'clerk-wuhou', third!.id],
    ]);
    expect(page.entries[0]?.source).toEqual({ service: 'intake', entryId: first!.id, hash: first!.hash });
    expect(page.chain).toEqual({ valid: true, checked: 3 });
  });

  it('shows a supervisor only the actors of their jurisdiction, and nobody else anything', async () => {
    const { useCases } = await testIdentity();
    for (const e of intakeEntries()) await useCases.collectAuditEntry.execute(wire(e));
    const bySupervisor = await useCases.listAuditEntries.execute(demo.supervisor, { subject: '', afterId: '', limit: 0 });
    expect(bySupervisor.entries.map((e) => e.actor.username)).toEqual(['clerk-wuhou', 'clerk-jj', 'clerk-wuhou']);
    const wuhouSupervisor = principal('u-sup-wh', 'sup-wh', ['supervisor'], { orgUnit: '510107' });
    expect((await useCases.listAuditEntries.execute(wuhouSupervisor, { subject: '', afterId: '', limit: 0 })).entries.map((e) => e.actor.username)).toEqual([
      'clerk-wuhou',
      'clerk-wuhou',
    ]);
    expect((await useCases.listAuditEntries.execute(wuhouSupervisor, { subject: 'u-clerk-jj', afterId: '', limit: 0 })).entries).toEqual([]);
    for (const who of [demo.clerk, demo.approver, demo.applicant]) {
      expect(await rejection(useCases.listAuditEntries.execute(who, { subject: '', afterId: '', limit: 0 })), who.username).toMatchObject({ kind: 'forbidden' });
    }
  });

  it('pages in chain order', async () => {
    const { useCases } = await testIdentity();
    for (const e of intakeEntries()) await useCases.collectAuditEntry.execute(wire(e));
    const first = await useCases.listAuditEntries.execute(demo.admin, { subject: '', afterId: '', limit: 2 });
    expect(first.entries.map((e) => e.seq)).toEqual([1, 2]);
    const second = await useCases.listAuditEntries.execute(demo.admin, { subject: '', afterId: first.nextAfterId, limit: 2 });
    expect(second).toMatchObject({ nextAfterId: '' });
    expect(second.entries.map((e) => e.seq)).toEqual([3]);
    expect(await rejection(useCases.listAuditEntries.execute(demo.admin, { subject: '', afterId: "' OR 1=1", limit: 2 }))).toMatchObject({ code: 'PAGE_TOKEN_INVALID' });
  });

  it('detects an entry changed in the database', async () => {
    const { useCases, file } = await testIdentity();
    for (const e of intakeEntries()) await useCases.collectAuditEntry.execute(wire(e));
    const db = new DatabaseSync(file);
    const row = db.prepare('SELECT doc FROM "platform_audit" WHERE id = ?').get('000000000002') as { doc: string };
    const forged = JSON.parse(row.doc) as AuditEntry;
    db.prepare('UPDATE "platform_audit" SET doc = ? WHERE id = ?').run(JSON.stringify({ ...forged, outcome: 'ALLOWED' }), '000000000002');
    db.close();
    const page = await useCases.listAuditEntries.execute(demo.admin, { subject: '', afterId: '', limit: 0 });
    expect(page.chain).toEqual({ valid: false, checked: 1, brokenAt: 2, problem: 'entry 2 was changed after it was written' });
  });

  it('chains in the store the same way the library does (append-only over SQLite)', async () => {
    const { store } = await testIdentity({ seed: false });
    const trail = createAuditTrail({ collection: store.collection<AuditEntry>({ name: 'scratch_trail' }) });
    await Promise.all(intakeEntries().map(({ id: _id, seq: _seq, prevHash: _p, hash: _h, ...record }) => trail.append(record)));
    expect(await trail.verify()).toEqual({ valid: true, checked: 3 });
  });
});
