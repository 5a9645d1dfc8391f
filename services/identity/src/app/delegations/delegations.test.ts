import { EVENT_TYPES, parseEventData, TOPICS } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { announced, demo, principal, rejection, testIdentity } from '../../testing/identity.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (base: string, ms: number) => new Date(Date.parse(base) + ms).toISOString();

async function standIn() {
  const t = await testIdentity();
  const now = t.clock.now().toISOString();
  const input = { principalId: '', substituteId: demo.approverB.subject, from: at(now, HOUR), until: at(now, 7 * DAY), reason: '出差' };
  return { ...t, now, input };
}

describe('naming a stand-in', () => {
  it('writes the delegation with its created event, in the names approval consumes', async () => {
    const { useCases, store, input, recorded } = await standIn();
    const d = await useCases.createDelegation.execute(demo.approver, input);
    const [event] = await announced(store);
    expect(event).toMatchObject({ type: 'onewindow.identity.delegation.created.v1', source: 'onewindow/identity', subject: d.id });
    expect(parseEventData(EVENT_TYPES.DELEGATION_CREATED, event?.data)).toEqual({
      delegationId: d.id,
      principalId: demo.approver.subject,
      principalUsername: 'approver-demo',
      substituteId: demo.approverB.subject,
      substituteUsername: 'approver-b-demo',
      orgUnit: '510100',
      agency: '市场监督管理局',
      role: 'approver',
      from: input.from,
      until: input.until,
      createdAt: '2026-03-02T02:00:00.000Z',
    });
    expect((await store.outbox.pending(10))[0]?.topic).toBe(TOPICS.IDENTITY_DELEGATION);
    expect(recorded.at(-1)).toMatchObject({ action: 'identity.delegation.create', resource: `delegation:${d.id}`, onBehalfOf: '' });
  });

  it('refuses an overlap, writing nothing', async () => {
    const { useCases, store, input } = await standIn();
    await useCases.createDelegation.execute(demo.approver, input);
    expect(await rejection(useCases.createDelegation.execute(demo.approver, { ...input, from: at(input.from, DAY) }))).toMatchObject({
      code: 'DELEGATION_INVALID',
      details: [{ field: 'from', message: expect.stringMatching(/^overlaps delegation/) }],
    });
    expect(await announced(store)).toHaveLength(1);
  });

  it('is for the approver themselves, their agency head or a platform administrator', async () => {
    const { useCases, input, recorded } = await standIn();
    const elsewhere = principal('u-approver-wuhou', 'approver-wuhou', ['approver'], { orgUnit: '510107', agency: '市场监督管理局' });
    expect(await rejection(useCases.createDelegation.execute(elsewhere, { ...input, principalId: demo.approver.subject }))).toMatchObject({
      kind: 'forbidden',
      message: 'approver: not their delegation',
    });
    expect(await rejection(useCases.createDelegation.execute(demo.supervisor, { ...input, principalId: demo.approver.subject }))).toMatchObject({ kind: 'forbidden' });
    const head = principal('u-head', 'head', ['agency_head'], { orgUnit: '510100', agency: '市场监督管理局' });
    const d = await useCases.createDelegation.execute(head, { ...input, principalId: demo.approver.subject });
    expect(d).toMatchObject({ principalId: demo.approver.subject, createdBy: 'u-head' });
    expect(recorded.at(-1)).toMatchObject({ actor: { subject: 'u-head' }, onBehalfOf: demo.approver.subject });
  });

  it('refuses a caller who is not in the staff directory', async () => {
    const { useCases, input } = await standIn();
    const stranger = principal('u-unknown', 'unknown', ['approver'], { orgUnit: '510100', agency: '市场监督管理局' });
    expect(await rejection(useCases.createDelegation.execute(stranger, input))).toMatchObject({ code: 'NOT_IN_STAFF_DIRECTORY' });
  });
});

describe('a stand-in over time (ManualClock)', () => {
  it('is in force from its start to its end, then not', async () => {
    const { useCases, clock, input } = await standIn();
    const d = await useCases.createDelegation.execute(demo.approver, input);
    const active = () => useCases.listActiveDelegations.execute(demo.approverB, { principalId: '', substituteId: demo.approverB.subject, at: '' });
    expect(await active()).toEqual([]);
    clock.advance(HOUR);
    expect((await active()).map((x) => x.id)).toEqual([d.id]);
    clock.advance(7 * DAY - HOUR - 1);
    expect(await active()).toHaveLength(1);
    clock.advance(1);
    expect(await active()).toEqual([]);
    const atMiddle = await useCases.listActiveDelegations.execute(demo.approver, { principalId: demo.approver.subject, substituteId: '', at: at(input.from, DAY) });
    expect(atMiddle.map((x) => x.id)).toEqual([d.id]);
    expect(await rejection(useCases.listActiveDelegations.execute(demo.approver, { principalId: demo.approver.subject, substituteId: '', at: 'tomorrow' }))).toMatchObject({
      code: 'INSTANT_INVALID',
    });
  });

  it('ends when revoked, announcing it; a second revocation is refused', async () => {
    const { useCases, clock, store, input } = await standIn();
    const d = await useCases.createDelegation.execute(demo.approver, input);
    clock.advance(2 * HOUR);
    const revoked = await useCases.revokeDelegation.execute(demo.approver, d.id);
    expect(revoked).toMatchObject({ revokedAt: '2026-03-02T04:00:00.000Z', revokedBy: demo.approver.subject });
    const events = await announced(store);
    expect(events.map((e) => e.type)).toEqual(['onewindow.identity.delegation.created.v1', 'onewindow.identity.delegation.revoked.v1']);
    expect(events[1]?.data).toEqual({ delegationId: d.id, principalId: demo.approver.subject, substituteId: demo.approverB.subject, revokedAt: '2026-03-02T04:00:00.000Z' });
    expect(await useCases.listActiveDelegations.execute(demo.approverB, { principalId: '', substituteId: demo.approverB.subject, at: '' })).toEqual([]);
    expect(await rejection(useCases.revokeDelegation.execute(demo.approver, d.id))).toMatchObject({ kind: 'precondition', code: 'DELEGATION_NOT_REVOCABLE' });
    expect(await rejection(useCases.revokeDelegation.execute(demo.approverB, d.id))).toMatchObject({ kind: 'forbidden' });
  });
});

describe('reading stand-ins', () => {
  it('shows them to the two approvers, the services and the supervisor of the jurisdiction, and to nobody else', async () => {
    const { useCases, input } = await standIn();
    await useCases.createDelegation.execute(demo.approver, input);
    const byPrincipal = { principalId: demo.approver.subject, substituteId: '' };
    const bySubstitute = { principalId: '', substituteId: demo.approverB.subject };
    const service = principal('sa-services', 'service-account-onewindow-services', ['service'], { clientId: 'onewindow-services' });
    for (const [who, query] of [[demo.approver, byPrincipal], [demo.approverB, bySubstitute], [service, bySubstitute], [demo.supervisor, byPrincipal]] as const) {
      expect(await useCases.listDelegations.execute(who, query), who.username).toHaveLength(1);
    }
    const otherSupervisor = principal('u-sup-jj', 'sup-jj', ['supervisor'], { orgUnit: '510104' });
    for (const who of [demo.clerk, otherSupervisor, demo.approverB]) {
      expect(await rejection(useCases.listDelegations.execute(who, byPrincipal)), who.username).toMatchObject({ kind: 'forbidden' });
    }
    expect(await rejection(useCases.listDelegations.execute(demo.admin, { principalId: '', substituteId: '' }))).toMatchObject({ code: 'DELEGATION_QUERY_INVALID' });
  });
});
