import { EVENT_TYPES } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, admin, applicant, approver, chief, countySupervisor, openedCase, otherApplicant, serialDefinition, supervisor } from '../testing/fixtures.js';
import { approvalFixture, outboxEvents } from '../testing/store.js';

const CASE = acceptedCaseFixture().caseId;

describe('electronic supervision rounds (EvaluateClocks) with the injected clock', () => {
  it('raises each warning once as an event, and escalates on red to the section chief', async () => {
    const f = await approvalFixture();
    await f.useCases.openCase.execute(acceptedCaseFixture());
    const warnings = async () => (await outboxEvents(f.store)).filter((e) => e.type === EVENT_TYPES.CASE_WARNING_RAISED).map((e) => (e.data as { level: string }).level);
    f.clock.set('2026-03-17T02:00:00Z');
    expect(await f.useCases.evaluateClocks.execute()).toEqual({ evaluated: 1, changed: 1 });
    await f.useCases.evaluateClocks.execute();
    expect(await warnings()).toEqual(['EARLY']);
    f.clock.set('2026-03-19T02:00:00Z');
    await f.useCases.evaluateClocks.execute();
    f.clock.set('2026-04-10T02:00:00Z');
    await f.useCases.evaluateClocks.execute();
    expect(await warnings()).toEqual(['EARLY', 'YELLOW', 'RED']);
    const events = await outboxEvents(f.store);
    expect(events.find((e) => e.type === EVENT_TYPES.CASE_ESCALATED)?.data).toMatchObject({ trigger: 'RED', action: 'REASSIGN_TO_CHIEF' });
    expect(events.find((e) => e.type === EVENT_TYPES.TASK_REASSIGNED)?.data).toMatchObject({ automatic: true, toRole: 'section_chief', reassignedBy: { subject: 'system' } });
    expect((await f.useCases.listTasks.execute(chief(), { status: '' })).map((t) => t.id)).toEqual([`${CASE}:review`]);
    expect(await f.useCases.listTasks.execute(approver(), { status: '' })).toEqual([]);
  });

  it('shows warnings and remaining working days on the timeline, to those who may see the case', async () => {
    const f = await approvalFixture();
    await f.useCases.openCase.execute(acceptedCaseFixture());
    f.clock.set('2026-03-19T02:00:00Z');
    await f.useCases.evaluateClocks.execute();
    const view = await f.useCases.getTimeline.execute(applicant(), { caseId: CASE });
    expect(view.remaining).toEqual({ promised: -1, statutory: 14 });
    expect(view.case.warnings.map((w) => w.level)).toEqual(['EARLY', 'YELLOW']);
    expect(view.chainIntact).toBe(true);
    expect(view.case.timeline.map((e) => e.type)).toEqual(['CASE_OPENED', 'TASK_CREATED', 'WARNING_RAISED', 'WARNING_RAISED']);
    await expect(f.useCases.getTimeline.execute(otherApplicant(), { caseId: CASE })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(f.useCases.getTimeline.execute(countySupervisor(), { caseId: CASE })).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await f.useCases.getTimeline.execute(approver(), { caseId: CASE })).case.id).toBe(CASE);
  });
});

describe('the supervision overview', () => {
  it('reports per agency, hall and item within the caller’s jurisdiction, and refuses an approver', async () => {
    const f = await approvalFixture();
    await f.useCases.openCase.execute(acceptedCaseFixture());
    await f.useCases.openCase.execute(acceptedCaseFixture({ caseId: 'county-case', orgUnit: '510107', hall: 'hall-510107-01' }));
    await f.useCases.completeTask.execute(approver(), { taskId: `${CASE}:review`, outcome: 'APPROVE', opinion: '同意', legalBasis: [] });
    f.clock.set('2026-03-20T02:00:00Z');
    const city = await f.useCases.supervisionOverview.execute(supervisor());
    expect(city.totals).toMatchObject({ accepted: 2, closed: 1, onTimeRate: 1, earlyRate: 1, averageWorkingDays: 0, overdueNow: 1 });
    expect(city.byHall.map((r) => r.key)).toEqual(['hall-510100-01', 'hall-510107-01']);
    const county = await f.useCases.supervisionOverview.execute(countySupervisor());
    expect(county.totals).toMatchObject({ accepted: 1, closed: 0, overdueNow: 1 });
    expect((await f.useCases.supervisionOverview.execute(admin())).totals.accepted).toBe(2);
    await expect(f.useCases.supervisionOverview.execute(approver())).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('supervision rows (the metrics’ read model)', () => {
  it('keeps a row per case, refreshed with every write, so the overview never reads a case', async () => {
    const f = await approvalFixture();
    await f.useCases.openCase.execute(acceptedCaseFixture());
    expect(await f.repositories.supervisionRows.page(undefined, 10)).toEqual([expect.objectContaining({ id: CASE, agency: '市场监督管理局', decision: null })]);
    await f.useCases.completeTask.execute(approver(), { taskId: `${CASE}:review`, outcome: 'APPROVE', opinion: '同意', legalBasis: [] });
    expect(await f.repositories.supervisionRows.page(undefined, 10)).toEqual([expect.objectContaining({ id: CASE, decision: { onTime: true, early: true, workingDaysUsed: 0 } })]);
  });

  it('are made once for the cases written before rows were kept', async () => {
    const f = await approvalFixture();
    // A case written by an earlier release: no row.
    await f.repositories.cases.create(openedCase(serialDefinition(), { caseId: 'older-case' }), []);
    await f.useCases.openCase.execute(acceptedCaseFixture());
    await f.useCases.completeTask.execute(approver(), { taskId: `${CASE}:review`, outcome: 'APPROVE', opinion: '同意', legalBasis: [] });
    expect((await f.useCases.supervisionOverview.execute(admin())).totals.accepted).toBe(1);

    expect(await f.useCases.backfillSupervisionRows.execute()).toEqual({ rows: 2 });
    const overview = await f.useCases.supervisionOverview.execute(admin());
    expect(overview.totals).toMatchObject({ accepted: 2, closed: 1 });
    expect(await f.useCases.backfillSupervisionRows.execute()).toBeNull();
  });
});
