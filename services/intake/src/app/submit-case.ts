import type { Principal } from '@onewindow/auth';
import { conflict, invalid, isDomainError, newId, type Clock } from '@onewindow/kernel';
import { STORE_DUPLICATE } from '@onewindow/store/port';
import type { Case, MaterialRef } from '../domain/case.js';
import { formatCaseNumber, sequenceScope, type CaseNumberFormat } from '../domain/case-number.js';
import { noticeDueDate } from '../domain/deadlines.js';
import type { PartyInput } from '../domain/party.js';
import { createCase, validateSubmission, type CommitmentInput } from '../domain/submission.js';
import { announce } from './announce.js';
import { resolveFiling, type FilingDeps } from './filing.js';
import { checkMaterialRefs, type MaterialRefDeps } from './material-refs.js';
import type { CaseNumberSequence, CaseRepository, CatalogRepository, WorkingDays } from './ports.js';

export interface SubmitCaseCommand {
  readonly itemCode: string;
  /** Empty: no idempotency. Otherwise a replay by the same filer returns the first case. */
  readonly idempotencyKey: string;
  readonly materials: readonly MaterialRef[];
  readonly commitments: readonly CommitmentInput[];
  /** Empty: the clerk's hall, or the configured default hall. */
  readonly hall: string;
  readonly form: Readonly<Record<string, string>>;
  /** Kept as a draft (for the applicant, and a pre-review) instead of submitted. */
  readonly draft: boolean;
  /** The applicant of record when the caller files for someone else; null: the caller. */
  readonly applicant: PartyInput | null;
}

export interface SubmitCaseDeps extends FilingDeps, MaterialRefDeps {
  readonly catalog: CatalogRepository;
  readonly cases: CaseRepository;
  readonly sequence: CaseNumberSequence;
  readonly clock: Clock;
  readonly calendar: WorkingDays;
  readonly caseNumberFormat: CaseNumberFormat;
}

const MAX_KEY = 200;

/** The next case number, from the configured format and its sequence. */
export async function nextCaseNumber(deps: Pick<SubmitCaseDeps, 'sequence' | 'caseNumberFormat'>, now: Date): Promise<string> {
  const seq = await deps.sequence.next(sequenceScope(deps.caseNumberFormat, now));
  return formatCaseNumber(deps.caseNumberFormat, now, seq);
}

export function idempotencyKeyOf(raw: string): string | null {
  const key = raw.trim() || null;
  if (key && key.length > MAX_KEY) throw invalid('IDEMPOTENCY_KEY_INVALID', `idempotency keys are at most ${MAX_KEY} characters`);
  return key;
}

/** 申报: a case for a catalog item under its current version, filed by the applicant, their agent or a clerk. */
export class SubmitCase {
  constructor(private readonly deps: SubmitCaseDeps) {}

  async execute(principal: Principal, command: SubmitCaseCommand): Promise<Case> {
    const { catalog, cases, clock } = this.deps;
    const now = clock.now();
    const filing = resolveFiling(this.deps, principal, command.applicant, command.hall.trim(), now);
    const key = idempotencyKeyOf(command.idempotencyKey);
    if (key) {
      const first = await cases.findByIdempotencyKey(principal.subject, key);
      if (first) return replay(first, command);
    }
    const item = await catalog.current(command.itemCode.trim());
    if (!item) throw invalid('ITEM_UNKNOWN', `no service item ${command.itemCode}`, [{ field: 'itemCode', message: 'not in the catalog' }]);
    const submission = {
      item,
      ...filing,
      materials: command.materials,
      commitments: command.commitments,
      form: command.form,
      idempotencyKey: key,
      bundleApplicationId: null,
      draft: command.draft,
    };
    validateSubmission(submission);
    await checkMaterialRefs(this.deps, principal, filing.applicant.id, item, command.materials);
    const caseNumber = await nextCaseNumber(this.deps, now);
    const due = command.draft ? null : noticeDueDate(this.deps.calendar, now.toISOString());
    const { case: created, events } = createCase({ ...submission, id: newId(now.getTime()), caseNumber, noticeDueDate: due, now });
    try {
      await cases.add(created, announce(created.id, events, now));
      return created;
    } catch (err) {
      // Two replays racing: the one that lost returns the winner's case.
      const first = key && isDomainError(err) && err.code === STORE_DUPLICATE ? await cases.findByIdempotencyKey(principal.subject, key) : null;
      if (first) return replay(first, command);
      throw err;
    }
  }
}

function replay(first: Case, command: SubmitCaseCommand): Case {
  if (first.itemCode !== command.itemCode.trim()) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', `the idempotency key was used for case ${first.caseNumber} of another item`);
  }
  return first;
}
