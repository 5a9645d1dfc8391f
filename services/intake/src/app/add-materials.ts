import type { Principal } from '@onewindow/auth';
import type { Clock } from '@onewindow/kernel';
import type { Case, MaterialRef } from '../domain/case.js';
import { addMaterials } from '../domain/materials.js';
import type { CommitmentInput } from '../domain/submission.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import { itemOfCase } from './case-item.js';
import { checkMaterialRefs, type MaterialRefDeps } from './material-refs.js';
import type { CaseRepository, CatalogRepository } from './ports.js';
import { updateCase } from './update-case.js';

export interface AddMaterialsCommand {
  readonly caseId: string;
  readonly materials: readonly MaterialRef[];
  readonly commitments: readonly CommitmentInput[];
}

export interface AddMaterialsDeps extends MaterialRefDeps {
  readonly cases: CaseRepository;
  readonly catalog: CatalogRepository;
  readonly clock: Clock;
}

/** Materials handed in later: completing a draft, answering a one-time notice, or supplying pending materials. */
export class AddMaterials {
  constructor(private readonly deps: AddMaterialsDeps) {}

  async execute(principal: Principal, command: AddMaterialsCommand): Promise<Case> {
    const { cases, catalog, clock } = this.deps;
    return updateCase(cases, clock, requireCaseId(command.caseId), async ({ case: c }) => {
      authorizeCase(principal, 'case.amend', c);
      const item = await itemOfCase(catalog, c);
      const transition = addMaterials(c, { item, materials: command.materials, commitments: command.commitments, now: clock.now() });
      await checkMaterialRefs(this.deps, principal, c.applicantId, item, command.materials);
      return transition;
    });
  }
}
