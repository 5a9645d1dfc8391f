import { invalid } from '@onewindow/kernel/errors';

/**
 * An applicant's credit flag (信用记录): a flagged applicant is not offered
 * acceptance with pending materials (容缺受理). Every change is kept, with
 * who made it and why.
 */
export interface CreditChange {
  readonly flagged: boolean;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface CreditRecord {
  /** The applicant id the flag is about. */
  readonly id: string;
  readonly flagged: boolean;
  readonly reason: string;
  readonly updatedAt: string;
  readonly history: readonly CreditChange[];
}

const MAX_REASON = 500;
const MAX_HISTORY = 200;

export interface CreditChangeInput {
  readonly applicantId: string;
  readonly flagged: boolean;
  readonly reason: string;
  readonly by: string;
  readonly now: Date;
}

/** The record after flagging or clearing; the same record back when nothing changes. */
export function changeCredit(current: CreditRecord | null, input: CreditChangeInput): CreditRecord {
  const reason = input.reason.trim();
  if (!reason || reason.length > MAX_REASON) {
    throw invalid('CREDIT_REASON_REQUIRED', `say why, in 1 to ${MAX_REASON} characters`, [{ field: 'reason', message: `1 to ${MAX_REASON} characters` }]);
  }
  if (!/^[A-Za-z0-9_.:-]{1,160}$/.test(input.applicantId)) {
    throw invalid('APPLICANT_ID_INVALID', 'not an applicant id', [{ field: 'applicantId', message: 'invalid' }]);
  }
  if (current && current.flagged === input.flagged) return current;
  const at = input.now.toISOString();
  const change = { flagged: input.flagged, reason, by: input.by, at };
  return {
    id: input.applicantId,
    flagged: input.flagged,
    reason,
    updatedAt: at,
    history: [...(current?.history ?? []), change].slice(-MAX_HISTORY),
  };
}
