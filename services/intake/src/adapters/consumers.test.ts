import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  newEvent,
  openEmbeddedBus,
  startConsumer,
  toOutboxMessage,
  type EventBus,
  type EventEnvelope,
  type EventType,
  type NewEvent,
} from '@onewindow/events';
import { createLogger } from '@onewindow/kernel';
import { describe, expect, it, onTestFinished } from 'vitest';
import { announced, applicantFixture, clerkFixture } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const logger = createLogger({ service: 'intake-test', level: 'silent' });
const delivery = { topic: '', key: '', value: '', headers: {}, partition: 0, offset: '0' };

async function acceptedCase() {
  const intake = await testIntake();
  const c = await intake.useCases.submitCase.execute(applicantFixture(), submission());
  await intake.useCases.acceptCase.execute(clerkFixture(), { caseId: c.id, opinion: '' });
  return { ...intake, c };
}

function event<T extends EventType>(type: T, data: NewEvent<T>['data'], source: string): EventEnvelope {
  return newEvent({ type, data, source, subject: 'caseId' in data ? String(data.caseId) : '', time: new Date('2026-01-06T10:00:00Z') });
}

type DecidedData = NewEvent<'onewindow.approval.case.decided.v1'>['data'];
const decided = (c: { id: string; caseNumber: string }, decision: 'APPROVED' | 'REJECTED', more: Partial<DecidedData> = {}) =>
  event(
    'onewindow.approval.case.decided.v1',
    {
      caseId: c.id,
      caseNumber: c.caseNumber,
      itemCode: 'SCJG-DJ-001',
      itemName: '企业设立登记',
      applicantId: 'u-applicant-zhang',
      applicantName: '张三',
      decision,
      opinion: '',
      legalBasis: [],
      decidedAt: '2026-01-06T08:00:00.000Z',
      decidedBy: 'u-approver-wang',
      resultLicenceType: 'BUSINESS_LICENCE',
      ...more,
    },
    'onewindow/approval',
  );

const issued = (c: { id: string; caseNumber: string }) =>
  event(
    'onewindow.certificate.licence.issued.v1',
    {
      licenceId: 'licence-1',
      caseId: c.id,
      caseNumber: c.caseNumber,
      licenceType: 'BUSINESS_LICENCE',
      holderId: 'u-applicant-zhang',
      holderName: '张三',
      issuedAt: '2026-01-06T09:00:00.000Z',
    },
    'onewindow/certificate',
  );

describe('intake consumers', () => {
  it('subscribe to approval’s case.decided and certificate’s licence.issued', async () => {
    const { consumers } = await testIntake();
    expect(consumers.map((c) => c.topics)).toEqual([['onewindow.approval.case.v1'], ['onewindow.certificate.licence.v1']]);
    expect(consumers.map((c) => c.types)).toEqual([['onewindow.approval.case.decided.v1'], ['onewindow.certificate.licence.issued.v1']]);
  });

  it('record a rejection from case.decided', async () => {
    const { consumers, useCases, c } = await acceptedCase();
    await consumers[0]?.handle(decided(c, 'REJECTED'), delivery);
    expect((await useCases.getCase.execute(clerkFixture(), c.id)).status).toBe('CLOSED');
  });

  it('pass on that a decision overturns a refusal (复核), so the refused case waits for its licence again', async () => {
    const { consumers, useCases, c } = await acceptedCase();
    await consumers[0]?.handle(decided(c, 'REJECTED'), delivery);
    const overturn = decided(c, 'APPROVED', { decidedAt: '2026-01-08T08:00:00.000Z', overturns: { decision: 'REJECTED', decidedAt: '2026-01-06T08:00:00.000Z' } });
    await consumers[0]?.handle(overturn, delivery);
    expect(await useCases.getCase.execute(clerkFixture(), c.id)).toMatchObject({ status: 'APPROVED', decision: 'APPROVED', outcome: null });
  });

  it('ignore other event types on the same topic', async () => {
    const { consumers, useCases, c } = await acceptedCase();
    const task = event(
      'onewindow.approval.task.created.v1',
      { taskId: 't-1', caseId: c.id, caseNumber: c.caseNumber, role: 'approver', orgUnit: '510100', createdAt: '2026-01-05T04:00:00.000Z' },
      'onewindow/approval',
    );
    await consumers[0]?.handle(task, delivery);
    expect((await useCases.getCase.execute(clerkFixture(), c.id)).status).toBe('ACCEPTED');
  });

  it('close the case through the real consumer runner, whatever the order and however often facts arrive', async () => {
    const { store, consumers, useCases, c } = await acceptedCase();
    const dir = mkdtempSync(join(tmpdir(), 'intake-bus-'));
    const bus = openEmbeddedBus({ file: join(dir, 'events.db'), partitions: 2, pollIntervalMs: 5, logger });
    // Counts the deliveries the consumers are done with, so the case is read once every fact has gone through.
    let passed = 0;
    const counting: EventBus = {
      publish: (messages) => bus.publish(messages),
      subscribe: (o) =>
        bus.subscribe({
          ...o,
          handler: async (d) => {
            await o.handler(d);
            passed++;
          },
        }),
      ping: () => bus.ping(),
      close: () => bus.close(),
    };
    const subscriptions = await Promise.all(
      consumers.map((consumer) => startConsumer({ bus: counting, store, logger, backoffMs: 1, ...consumer })),
    );
    onTestFinished(async () => {
      await Promise.all(subscriptions.map((s) => s.close()));
      await bus.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const licence = issued(c);
    const toBus = (e: EventEnvelope) => {
      const m = toOutboxMessage(e);
      return { topic: m.topic, key: m.key, value: m.payload };
    };
    await bus.publish([toBus(licence), toBus(licence), toBus(decided(c, 'APPROVED'))]);

    // The case closes on the first licence and the decision; the second licence may still be on its way then.
    await expect.poll(() => passed, { timeout: 5_000 }).toBe(3);
    const current = await useCases.getCase.execute(clerkFixture(), c.id);
    expect(current).toMatchObject({ status: 'CLOSED', licenceId: 'licence-1', decision: 'APPROVED', decidedAt: '2026-01-06T08:00:00.000Z' });
    const closings = (await announced(store)).filter((e) => e.type === 'onewindow.intake.case.closed.v1');
    expect(closings).toHaveLength(1);
  });
});
