import { EVENT_TYPES, newEvent } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, approver, otherApprover } from '../testing/fixtures.js';
import { approvalFixture } from '../testing/store.js';
import { INBOX } from './store.js';
import type { InboxTask } from '../app/ports.js';

const delivery = { topic: 't', key: 'k', value: '', headers: {}, partition: 0, offset: '0' };
const event = <T extends Parameters<typeof newEvent>[0]['type']>(type: T, data: Parameters<typeof newEvent<T>>[0]['data'], subject: string) =>
  newEvent({ type, source: 'onewindow/test', subject, data, time: new Date('2026-03-11T02:00:00Z') });

describe('approval’s consumers', () => {
  it('opens the workflow of an accepted case, and ignores the other intake events', async () => {
    const f = await approvalFixture();
    const [cases] = f.consumers;
    const accepted = acceptedCaseFixture();
    await cases!.handle(event(EVENT_TYPES.CASE_ACCEPTED, accepted, accepted.caseId), delivery);
    await cases!.handle(event(EVENT_TYPES.CASE_CLOSED, { caseId: 'x', caseNumber: 'n', applicantId: 'a', licenceId: null, closedAt: '2026-03-11T02:00:00.000Z', outcome: 'WITHDRAWN' }, 'x'), delivery);
    expect((await f.repositories.cases.get(accepted.caseId))?.case.tasks).toHaveLength(1);
    expect(await f.repositories.cases.get('x')).toBeNull();
    expect(cases!.topics).toEqual(['onewindow.intake.case.v1']);
  });

  it('rebuilds a missing inbox copy from the case when an approval event names it', async () => {
    const f = await approvalFixture();
    const accepted = acceptedCaseFixture();
    const opened = await f.useCases.openCase.execute(accepted);
    // As if the process had died between the case write and the inbox copy: wipe the copy.
    const inbox = f.store.collection<InboxTask>(INBOX);
    const copy = await inbox.get(`${accepted.caseId}:review`);
    await inbox.update({ ...copy!.value, caseVersion: 0, status: 'DONE' }, copy!.version);
    expect(await f.useCases.listTasks.execute(approver(), { status: '' })).toEqual([]);
    const [, inboxConsumer] = f.consumers;
    await inboxConsumer!.handle(event(EVENT_TYPES.TASK_CREATED, { taskId: `${accepted.caseId}:review`, caseId: accepted.caseId, caseNumber: opened.case.caseNumber, role: 'approver', orgUnit: '510100', createdAt: '2026-03-11T02:00:05.000Z' }, accepted.caseId), delivery);
    expect((await f.useCases.listTasks.execute(approver(), { status: '' })).map((t) => t.id)).toEqual([`${accepted.caseId}:review`]);
  });

  it('keeps identity’s stand-ins (onewindow.identity.delegation.v1) and lets the substitute act', async () => {
    const f = await approvalFixture('2026-03-13T02:00:00Z');
    const accepted = acceptedCaseFixture();
    await f.useCases.openCase.execute(accepted);
    await f.useCases.claimTask.execute(approver(), { taskId: `${accepted.caseId}:review` });
    const [, , delegations] = f.consumers;
    expect(delegations!.topics).toEqual(['onewindow.identity.delegation.v1']);
    const created = {
      delegationId: 'd-7',
      principalId: 'u-approver-zhao',
      principalUsername: 'zhao.approver',
      substituteId: 'u-approver-qian',
      substituteUsername: 'qian.approver',
      orgUnit: '510100',
      agency: '市场监督管理局',
      role: 'approver',
      from: '2026-03-12T00:00:00.000Z',
      until: '2026-03-31T00:00:00.000Z',
      createdAt: '2026-03-11T08:00:00.000Z',
    };
    await delegations!.handle(event(EVENT_TYPES.DELEGATION_CREATED, created, 'u-approver-zhao'), delivery);
    await delegations!.handle(event(EVENT_TYPES.DELEGATION_CREATED, created, 'u-approver-zhao'), delivery);
    const { task } = await f.useCases.completeTask.execute(otherApprover(), { taskId: `${accepted.caseId}:review`, outcome: 'APPROVE', opinion: '同意', legalBasis: [] });
    expect(task.completedBy?.onBehalfOf?.username).toBe('zhao.approver');
  });

  it('stops the stand-in on revocation', async () => {
    const f = await approvalFixture('2026-03-13T02:00:00Z');
    const [, , delegations] = f.consumers;
    const base = { delegationId: 'd-8', principalId: 'u-approver-zhao', substituteId: 'u-approver-qian' };
    await delegations!.handle(
      event(EVENT_TYPES.DELEGATION_CREATED, { ...base, principalUsername: 'zhao.approver', substituteUsername: 'qian.approver', orgUnit: '510100', agency: '市场监督管理局', role: 'approver', from: '2026-03-12T00:00:00.000Z', until: '2026-03-31T00:00:00.000Z', createdAt: '2026-03-11T08:00:00.000Z' }, 'u-approver-zhao'),
      delivery,
    );
    await delegations!.handle(event(EVENT_TYPES.DELEGATION_REVOKED, { ...base, revokedAt: '2026-03-12T09:00:00.000Z' }, 'u-approver-zhao'), delivery);
    expect(await f.repositories.delegations.activeFor('u-approver-qian', f.clock.now())).toEqual([]);
  });
});
