import type { CaseAcceptedData } from '@onewindow/events/catalog';
import type { Clock } from '@onewindow/kernel';
import type { ApprovalCase } from '../domain/case.js';
import type { WorkingDays } from '../domain/deadline.js';
import { defaultDefinition } from '../domain/definition.js';
import { openCase } from '../domain/workflow.js';
import type { CaseWriter } from './case-writer.js';
import type { CaseRepository, WorkflowRepository } from './ports.js';

/**
 * An accepted case starts its workflow, once: the case id is the aggregate
 * id, so a redelivered `case.accepted` finds it and writes nothing. The
 * item's current workflow definition (or the default one) is copied into
 * the case, so later edits never change a running case.
 */
export class OpenCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly writer: CaseWriter,
    private readonly workflows: WorkflowRepository,
    private readonly calendar: WorkingDays,
    private readonly clock: Clock,
  ) {}

  async execute(accepted: CaseAcceptedData): Promise<{ case: ApprovalCase; created: boolean }> {
    const existing = await this.cases.get(accepted.caseId);
    if (existing) return { case: existing.case, created: false };
    const definition = (await this.workflows.current(accepted.itemCode)) ?? defaultDefinition(accepted.itemCode);
    const window = accepted.decidedAtWindow;
    const change = openCase(accepted, definition, this.calendar, this.clock.now(), window ? { ...window } : null);
    const created = await this.writer.create(change);
    const stored = await this.cases.get(accepted.caseId);
    if (!stored) throw new Error(`case ${accepted.caseId} reported as existing but not found`);
    return { case: stored.case, created };
  }
}
