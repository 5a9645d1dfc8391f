import type { OutboxMessage } from '@onewindow/store/port';
import type { Bill } from '../domain/bill.js';

export interface BillRepository {
  /**
   * Inserts the bill and the events announcing it in one write. 'DUPLICATE'
   * when the case already has a bill for the item, or the payment code (or
   * id) is taken; nothing is written then.
   */
  add(bill: Bill, events: readonly OutboxMessage[]): Promise<'ADDED' | 'DUPLICATE'>;
  forCaseItem(caseId: string, itemCode: string): Promise<Bill | null>;
  /** Oldest first. */
  forCase(caseId: string): Promise<Bill[]>;
}

/** Fresh payment codes (缴款码); uniqueness is enforced by the repository, not promised here. */
export interface PaymentCodes {
  next(): string;
}
