import { invalid } from '@onewindow/kernel/errors';
import { billIssuedEntry, post, type Posting } from './ledger.js';
import { money, type Money } from './money.js';
import { isValidPaymentCode } from './payment-code.js';

/** Later issues add PAID, REMITTED, REFUNDED and WAIVED. */
export type BillStatus = 'ISSUED';

/** A payment notice (缴款通知) for one fee of one case, with its ledger postings. */
export interface Bill {
  readonly id: string;
  readonly caseId: string;
  readonly caseNumber: string;
  /** The service item the fee belongs to: one bill per case and item. */
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly hall: string;
  readonly orgUnit: string;
  readonly amount: Money;
  /** Legal basis of the fee (收费依据). */
  readonly feeBasis: string;
  readonly collectingAgency: string;
  readonly paymentCode: string;
  readonly status: BillStatus;
  readonly issuedAt: string;
  /** The event that caused the bill. */
  readonly causationId: string;
  /** Kept in the bill's own document so the bill and its postings commit in one write. */
  readonly postings: readonly Posting[];
}

/** What intake tells about a fee on an accepted case. */
export interface FeeNotice {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly hall: string;
  readonly orgUnit: string;
  readonly agency: string;
  readonly fee: { readonly amountFen: number; readonly currency: string; readonly feeBasis: string } | null;
  readonly causationId: string;
}

/** Whether the notice calls for a bill: no fee, or a fee of zero (免费), means none. */
export function isBillable(notice: FeeNotice): boolean {
  return notice.fee !== null && notice.fee.amountFen !== 0;
}

export interface IssueBillInput {
  readonly billId: string;
  readonly paymentCode: string;
  readonly now: Date;
}

const required = ['caseId', 'caseNumber', 'itemCode', 'applicantId', 'agency'] as const;

/** Issues the bill for a billable notice, its ledger entry already posted and balanced. */
export function issueBill(notice: FeeNotice, { billId, paymentCode, now }: IssueBillInput): Bill {
  const fee = notice.fee;
  if (!fee || fee.amountFen === 0) throw invalid('BILL_NOTHING_DUE', `case ${notice.caseNumber} has no fee to bill`);
  const problems = [
    ...required.filter((field) => !notice[field].trim()).map((field) => ({ field, message: 'required' })),
    ...(fee.feeBasis.trim() ? [] : [{ field: 'fee.feeBasis', message: 'required' }]),
    ...(isValidPaymentCode(paymentCode) ? [] : [{ field: 'paymentCode', message: 'not a valid payment code' }]),
  ];
  if (problems.length) throw invalid('BILL_INVALID', 'cannot issue the bill', problems);
  const amount = money(fee.amountFen, fee.currency);
  const memo = `bill ${billId} for case ${notice.caseNumber}`;
  return {
    id: billId,
    caseId: notice.caseId,
    caseNumber: notice.caseNumber,
    itemCode: notice.itemCode,
    itemName: notice.itemName,
    applicantId: notice.applicantId,
    applicantName: notice.applicantName,
    hall: notice.hall,
    orgUnit: notice.orgUnit,
    amount,
    feeBasis: fee.feeBasis,
    // The catalogued fee names no other collecting agency (执收单位): the agency that accepted the case bills it.
    collectingAgency: notice.agency,
    paymentCode,
    status: 'ISSUED',
    issuedAt: now.toISOString(),
    causationId: notice.causationId,
    postings: post([], billIssuedEntry(`${billId}:issued`, amount, now, memo)),
  };
}
