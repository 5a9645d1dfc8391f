import { authorize, type Principal } from '@onewindow/auth';
import { conflict, invalid, isDomainError, newId, type Clock } from '@onewindow/kernel';
import { STORE_DUPLICATE } from '@onewindow/store';
import { submitCase, validateSubmission, type Case, type MaterialRef } from '../domain/case.js';
import { formatCaseNumber, sequenceScope, type CaseNumberFormat } from '../domain/case-number.js';
import { announce } from './announce.js';
import type { CaseNumberSequence, CaseRepository, CatalogRepository } from './ports.js';

export interface SubmitCaseCommand {
  readonly itemCode: string;
  /** Empty: no idempotency. Otherwise a replay by the same applicant returns the first case. */
  readonly idempotencyKey: string;
  readonly materials: readonly MaterialRef[];
  /** Empty: the configured default hall. */
  readonly hall: string;
  readonly form: Readonly<Record<string, string>>;
}

export interface SubmitCaseDeps {
  readonly catalog: CatalogRepository;
  readonly cases: CaseRepository;
  readonly sequence: CaseNumberSequence;
  readonly clock: Clock;
  readonly caseNumberFormat: CaseNumberFormat;
  readonly defaultHall: string;
}

const MAX_KEY = 200;

/** 申报: an applicant submits a case for a catalog item, under the item's current version. */
export class SubmitCase {
  constructor(private readonly deps: SubmitCaseDeps) {}

  async execute(principal: Principal, command: SubmitCaseCommand): Promise<Case> {
    authorize(principal, 'case.submit', { applicantId: principal.subject });
    const { catalog, cases, clock } = this.deps;
    const key = command.idempotencyKey.trim() || null;
    if (key && key.length > MAX_KEY) {
      throw invalid('IDEMPOTENCY_KEY_INVALID', `idempotency keys are at most ${MAX_KEY} characters`);
    }
    if (key) {
      const first = await cases.findByIdempotencyKey(principal.subject, key);
      if (first) return replay(first, command);
    }

    const item = await catalog.current(command.itemCode.trim());
    if (!item) {
      throw invalid('ITEM_UNKNOWN', `no service item ${command.itemCode}`, [{ field: 'itemCode', message: 'not in the catalog' }]);
    }
    const applicant = { id: principal.subject, name: principal.displayName ?? principal.username };
    const hall = command.hall.trim() || this.deps.defaultHall;
    const submission = { item, applicant, hall, materials: command.materials, form: command.form, idempotencyKey: key };
    validateSubmission(submission);

    const now = clock.now();
    const seq = await this.deps.sequence.next(sequenceScope(this.deps.caseNumberFormat, now));
    const caseNumber = formatCaseNumber(this.deps.caseNumberFormat, now, seq);
    const { case: submitted, events } = submitCase({ ...submission, id: newId(now.getTime()), caseNumber, now });
    try {
      await cases.add(submitted, announce(submitted.id, events, now));
      return submitted;
    } catch (err) {
      // Two replays racing: the one that lost returns the winner's case.
      const first = key && isDomainError(err) && err.code === STORE_DUPLICATE
        ? await cases.findByIdempotencyKey(principal.subject, key)
        : null;
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
