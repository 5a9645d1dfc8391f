import { conflict, newId, type Clock } from '@onewindow/kernel';
import { EVENT_TYPES, newEvent, toOutboxMessage } from '@onewindow/events/catalog';
import { isBillable, issueBill, type Bill, type FeeNotice } from '../domain/bill.js';
import type { BillRepository, PaymentCodes } from './ports.js';

export type IssueBillResult =
  | { readonly outcome: 'ISSUED' | 'ALREADY_ISSUED'; readonly bill: Bill }
  | { readonly outcome: 'NOT_BILLABLE' };

/** A fresh payment code colliding this often means the code source is broken, not unlucky. */
const MAX_CODE_ATTEMPTS = 3;

/**
 * Bills an accepted case whose item carries a fee: one bill per case and
 * item however often the notice arrives; the bill, its ledger postings and
 * the bill.issued event are one write.
 */
export class IssueBill {
  constructor(
    private readonly bills: BillRepository,
    private readonly paymentCodes: PaymentCodes,
    private readonly clock: Clock,
  ) {}

  async execute(notice: FeeNotice): Promise<IssueBillResult> {
    if (!isBillable(notice)) return { outcome: 'NOT_BILLABLE' };
    for (let attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
      const existing = await this.bills.forCaseItem(notice.caseId, notice.itemCode);
      if (existing) return { outcome: 'ALREADY_ISSUED', bill: existing };
      const now = this.clock.now();
      const bill = issueBill(notice, { billId: newId(now.getTime()), paymentCode: this.paymentCodes.next(), now });
      if ((await this.bills.add(bill, [toOutboxMessage(billIssued(bill, now))])) === 'ADDED') {
        return { outcome: 'ISSUED', bill };
      }
      // Either a concurrent delivery billed the case first (seen at the top of
      // the next round) or the payment code was taken: try again with a new one.
    }
    throw conflict('BILL_PAYMENT_CODE_EXHAUSTED', `no free payment code after ${MAX_CODE_ATTEMPTS} attempts`);
  }
}

function billIssued(bill: Bill, now: Date) {
  return newEvent({
    type: EVENT_TYPES.BILL_ISSUED,
    source: 'onewindow/fees',
    subject: bill.caseId,
    time: now,
    data: {
      billId: bill.id,
      caseId: bill.caseId,
      caseNumber: bill.caseNumber,
      applicantId: bill.applicantId,
      amountFen: bill.amount.fen,
      currency: bill.amount.currency,
      paymentCode: bill.paymentCode,
      issuedAt: bill.issuedAt,
    },
  });
}
