import { authorize, type Principal } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import type { Bill } from '../domain/bill.js';
import type { BillRepository } from './ports.js';

const MAX_ID_LENGTH = 128;

export class ListBills {
  constructor(private readonly bills: BillRepository) {}

  /**
   * The bills of one case. Every bill is checked against the policy (an
   * applicant reads only bills they owe). A case with no bills answers
   * empty to anyone who may read bills at all, which tells nothing about
   * the case; a caller who may read no bills is refused either way.
   */
  async execute(principal: Principal, caseId: string): Promise<Bill[]> {
    if (!caseId.trim() || caseId.length > MAX_ID_LENGTH) {
      throw invalid('CASE_ID_INVALID', 'caseId is required', [{ field: 'caseId', message: `1 to ${MAX_ID_LENGTH} characters` }]);
    }
    const bills = await this.bills.forCase(caseId);
    if (bills.length === 0) authorize(principal, 'bill.read', { applicantId: principal.subject });
    for (const bill of bills) authorize(principal, 'bill.read', { applicantId: bill.applicantId, hall: bill.hall });
    return bills;
  }
}
