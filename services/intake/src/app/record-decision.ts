import type { Clock } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';
import { recordDecision, type DecisionFact } from '../domain/outcomes.js';
import type { CaseRepository } from './ports.js';
import { updateCase } from './update-case.js';

/** Approval decided the case (from approval's case.decided). Idempotent: a repeated decision changes nothing. */
export class RecordDecision {
  constructor(
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caseId: string, fact: DecisionFact): Promise<Case> {
    return updateCase(this.cases, this.clock, caseId, ({ case: c }) => recordDecision(c, fact));
  }
}
