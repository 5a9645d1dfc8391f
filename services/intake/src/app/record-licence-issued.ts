import type { Clock } from '@onewindow/kernel';
import type { Case } from '../domain/case.js';
import { recordLicenceIssued } from '../domain/outcomes.js';
import type { CaseRepository } from './ports.js';
import { updateCase } from './update-case.js';

export interface LicenceIssuedFact {
  readonly licenceId: string;
  readonly issuedAt: string;
}

/** Certificate issued the case's licence: the case closes. Idempotent and safe before the decision arrives. */
export class RecordLicenceIssued {
  constructor(
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  async execute(caseId: string, fact: LicenceIssuedFact): Promise<Case> {
    return updateCase(this.cases, this.clock, caseId, ({ case: c }) => recordLicenceIssued(c, fact.licenceId, fact.issuedAt));
  }
}
