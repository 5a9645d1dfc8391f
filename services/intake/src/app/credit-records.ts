import { authorize, type Principal } from '@onewindow/auth';
import { conflict, invalid, type Clock } from '@onewindow/kernel';
import { STORE_VERSION_CONFLICT } from '@onewindow/store/port';
import { lostWriteRace } from '@onewindow/store/retry';
import { changeCredit, type CreditRecord } from '../domain/credit.js';
import type { CreditRecords } from './ports.js';

const requireApplicantId = (applicantId: string) => {
  const id = applicantId.trim();
  if (!id) throw invalid('APPLICANT_ID_REQUIRED', 'an applicant id is required', [{ field: 'applicantId', message: 'required' }]);
  return id;
};

/** An applicant's credit flag; an applicant never flagged reads as not flagged. */
export class GetCreditRecord {
  constructor(private readonly records: CreditRecords) {}

  async execute(principal: Principal, applicantId: string): Promise<CreditRecord> {
    authorize(principal, 'credit.read');
    const id = requireApplicantId(applicantId);
    return (await this.records.get(id))?.record ?? { id, flagged: false, reason: '', updatedAt: '', history: [] };
  }
}

export interface SetCreditFlagCommand {
  readonly applicantId: string;
  readonly flagged: boolean;
  readonly reason: string;
}

const MAX_ATTEMPTS = 5;

/** An administrator flags (or clears) an applicant's bad credit record, saying why; every change is kept. */
export class SetCreditFlag {
  constructor(
    private readonly records: CreditRecords,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, command: SetCreditFlagCommand): Promise<CreditRecord> {
    authorize(principal, 'credit.manage');
    const applicantId = requireApplicantId(command.applicantId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.records.get(applicantId);
      const next = changeCredit(current?.record ?? null, { ...command, applicantId, by: principal.subject, now: this.clock.now() });
      if (next === current?.record) return next;
      try {
        await this.records.save(next, current?.version ?? null);
        return next;
      } catch (err) {
        if (!lostWriteRace(err)) throw err;
        if (attempt >= MAX_ATTEMPTS) throw conflict(STORE_VERSION_CONFLICT, `the credit record of ${applicantId} is changing too often`);
      }
    }
  }
}
