import { EVENT_TYPES } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, approver, draftFixture, instantDefinition, stepDraft } from '../testing/fixtures.js';
import { approvalFixture, outboxEvents, typesOf } from '../testing/store.js';

describe('OpenCase (case.accepted)', () => {
  it('opens the default workflow once, with task.created in the same write, and fills the inbox', async () => {
    const { store, useCases } = await approvalFixture();
    const accepted = acceptedCaseFixture();
    const first = await useCases.openCase.execute(accepted);
    const again = await useCases.openCase.execute(accepted);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(await typesOf(store)).toEqual([EVENT_TYPES.TASK_CREATED]);
    const [event] = await outboxEvents(store);
    expect(event?.data).toMatchObject({ taskId: `${accepted.caseId}:review`, role: 'approver', orgUnit: '510100' });
    expect((await useCases.listTasks.execute(approver(), { status: '' })).map((t) => t.id)).toEqual([`${accepted.caseId}:review`]);
  });

  it('runs the item’s current saved definition, and keeps it when the definition changes later', async () => {
    const { useCases, repositories } = await approvalFixture();
    const { definition } = { definition: await useCases.saveWorkflow.execute(adminPrincipal(), draftFixture()) };
    expect(definition.version).toBe(1);
    const opened = await useCases.openCase.execute(acceptedCaseFixture());
    await useCases.saveWorkflow.execute(adminPrincipal(), draftFixture({ steps: [stepDraft({ id: 'review' })] }));
    const stored = await repositories.cases.get(opened.case.id);
    expect(stored?.case.definition.version).toBe(1);
    expect(stored?.case.tasks.map((t) => t.stepId)).toEqual(['review']);
    expect(stored?.case.definition.steps.map((s) => s.id)).toEqual(['review', 'decide']);
  });

  it('approves on the spot by the published instant-approval rules, announcing case.decided', async () => {
    const { store, useCases, repositories } = await approvalFixture();
    await repositories.workflows.insert(instantDefinition());
    await useCases.openCase.execute(acceptedCaseFixture({ itemCode: 'GJJ-GG-007', itemName: '住房公积金异地转移接续', resultLicenceType: null }));
    const events = await outboxEvents(store);
    expect(events.map((e) => e.type)).toEqual([EVENT_TYPES.CASE_DECIDED]);
    expect(events[0]?.data).toMatchObject({ decision: 'APPROVED', decidedBy: 'system', opinion: '符合秒批规则，系统自动准予办理。', resultLicenceType: null });
  });

  it('records a decision made at the window (即办件) without opening a task', async () => {
    const { store, useCases } = await approvalFixture();
    await useCases.openCase.execute(
      acceptedCaseFixture({ caseKind: 'IMMEDIATE', decidedAtWindow: { decision: 'APPROVED', opinion: '当场办结', legalBasis: ['《市场主体登记管理条例》第十九条'], decidedBy: 'u-clerk-li' } }),
    );
    expect(await typesOf(store)).toEqual([EVENT_TYPES.CASE_DECIDED]);
  });
});

function adminPrincipal() {
  return approver({ subject: 'u-admin', username: 'admin', roles: ['platform_admin'], orgUnit: undefined, agency: undefined });
}
