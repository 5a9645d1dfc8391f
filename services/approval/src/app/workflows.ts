import { authorize, type Principal } from '@onewindow/auth';
import { invalid, precondition, type Clock } from '@onewindow/kernel';
import { defaultDefinition, validateDefinition, type WorkflowDefinition, type WorkflowDraft } from '../domain/definition.js';
import type { WorkflowRepository } from './ports.js';

const ITEM_CODE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Saves a new version of an item's workflow, validated first (every step
 * has a role, every step reachable, both end states reachable, no cycle).
 * Running cases keep the version they started with.
 */
export class SaveWorkflow {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, draft: WorkflowDraft): Promise<WorkflowDefinition> {
    authorize(principal, 'workflow.define');
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = ITEM_CODE.test(draft.itemCode) ? await this.workflows.current(draft.itemCode) : null;
      const definition = validateDefinition(draft, {
        version: (current?.version ?? 0) + 1,
        definedBy: principal.username,
        definedAt: this.clock.now().toISOString(),
      });
      if (await this.workflows.insert(definition)) return definition;
    }
    throw precondition('WORKFLOW_CONCURRENT_SAVE', 'another version was saved at the same time; try again');
  }
}

/** The published workflow of an item (五公开: the procedure is public); the default when none is saved. */
export class GetWorkflow {
  constructor(private readonly workflows: WorkflowRepository) {}

  async execute(request: { itemCode: string }): Promise<WorkflowDefinition> {
    const code = request.itemCode.trim();
    if (!ITEM_CODE.test(code)) throw invalid('ITEM_CODE_INVALID', 'not an item code', [{ field: 'itemCode', message: 'letters, digits, - or _' }]);
    return (await this.workflows.current(code)) ?? defaultDefinition(code);
  }

  async list(): Promise<WorkflowDefinition[]> {
    return this.workflows.listCurrent();
  }
}

/**
 * Seeds the workflows shipped with the service for the sample catalog, as
 * version 1 of each item that has none yet. Idempotent.
 */
export class SeedWorkflows {
  constructor(
    private readonly workflows: WorkflowRepository,
    private readonly clock: Clock,
  ) {}

  async execute(drafts: readonly WorkflowDraft[]): Promise<string[]> {
    const seeded: string[] = [];
    for (const draft of drafts) {
      if (await this.workflows.current(draft.itemCode)) continue;
      const definition = validateDefinition(draft, { version: 1, definedBy: 'seed', definedAt: this.clock.now().toISOString() });
      if (await this.workflows.insert(definition)) seeded.push(definition.itemCode);
    }
    return seeded;
  }
}
