import { describe, expect, it } from 'vitest';
import { admin, approver, draftFixture, stepDraft } from '../testing/fixtures.js';
import { approvalFixture } from '../testing/store.js';

describe('workflow definitions', () => {
  it('saves versions 1, 2, … for platform administrators, and refuses anyone else', async () => {
    const { useCases } = await approvalFixture();
    expect((await useCases.saveWorkflow.execute(admin(), draftFixture())).version).toBe(1);
    expect(await useCases.saveWorkflow.execute(admin(), draftFixture({ name: '第二版' }))).toMatchObject({ version: 2, name: '第二版', definedBy: 'admin' });
    await expect(useCases.saveWorkflow.execute(approver(), draftFixture())).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await useCases.getWorkflow.execute({ itemCode: 'SCJG-XK-014' })).version).toBe(2);
  });

  it('saves nothing that fails validation', async () => {
    const { useCases } = await approvalFixture();
    await expect(useCases.saveWorkflow.execute(admin(), draftFixture({ steps: [stepDraft({ id: 'review', role: 'nobody' })] }))).rejects.toMatchObject({ code: 'WORKFLOW_INVALID' });
    expect((await useCases.getWorkflow.execute({ itemCode: 'SCJG-XK-014' })).version).toBe(0);
  });

  it('publishes the default for an item without one, and refuses a malformed code', async () => {
    const { useCases } = await approvalFixture();
    expect(await useCases.getWorkflow.execute({ itemCode: 'SCJG-DJ-001' })).toMatchObject({ version: 0, start: 'review' });
    await expect(useCases.getWorkflow.execute({ itemCode: '{"$gt":""}' })).rejects.toMatchObject({ code: 'ITEM_CODE_INVALID' });
  });

  it('seeds the shipped workflows once, validating each', async () => {
    const { useCases } = await approvalFixture();
    const { readWorkflowFile } = await import('../adapters/workflow-file.js');
    const drafts = await readWorkflowFile(new URL('../../data/workflows.json', import.meta.url).pathname);
    expect(await useCases.seedWorkflows.execute(drafts)).toEqual(['ZJ-XK-003', 'GA-QR-031', 'JT-XK-011', 'GJJ-GG-007', 'BUNDLE-NEWBORN', 'BUNDLE-COMPANY-OPENING']);
    expect(await useCases.seedWorkflows.execute(drafts)).toEqual([]);
    const joint = await useCases.getWorkflow.execute({ itemCode: 'ZJ-XK-003' });
    expect(joint.steps[0]).toMatchObject({ kind: 'JOINT', lead: { agency: '住房和城乡建设局' }, participants: [{ agency: '自然资源和规划局' }, { agency: '消防救援机构' }] });
  });
});
