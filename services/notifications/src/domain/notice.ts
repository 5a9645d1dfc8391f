import { EVENT_TYPES, type CatalogEvent } from '@onewindow/events';
import type { Locale, Values } from './template.js';
import type { NotifiedType } from './templates.js';

/** Who is told what about which case: the input of a message, before rendering. */
export interface Notice {
  readonly recipientId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly template: NotifiedType;
  readonly values: Values;
}

const DECISIONS: Record<'APPROVED' | 'REJECTED', Record<Locale, string>> = {
  APPROVED: { 'zh-CN': '准予办理', en: 'approved' },
  REJECTED: { 'zh-CN': '不予办理', en: 'not approved' },
};

const OUTCOMES: Record<'APPROVED' | 'REJECTED' | 'WITHDRAWN' | 'TERMINATED', Record<Locale, string>> = {
  ...DECISIONS,
  WITHDRAWN: { 'zh-CN': '已撤回', en: 'withdrawn' },
  TERMINATED: { 'zh-CN': '已终止', en: 'terminated' },
};

/** 8000 fen → "80.00", by integer arithmetic (never through a float division). */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** The notice an event calls for, or null for events that concern no applicant (a task created). */
export function noticeFor(event: CatalogEvent): Notice | null {
  switch (event.type) {
    case EVENT_TYPES.CASE_SUBMITTED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, { caseNumber: d.caseNumber, itemName: d.itemName });
    }
    case EVENT_TYPES.CASE_ACCEPTED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, {
        caseNumber: d.caseNumber,
        itemName: d.itemName,
        agency: d.agency,
        promisedLimitDays: String(d.promisedLimitDays),
      });
    }
    case EVENT_TYPES.CASE_DECIDED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, {
        caseNumber: d.caseNumber,
        itemName: d.itemName,
        decision: DECISIONS[d.decision],
      });
    }
    case EVENT_TYPES.LICENCE_ISSUED: {
      const d = event.data;
      return notice(event.type, d.holderId, d, { caseNumber: d.caseNumber, licenceId: d.licenceId });
    }
    case EVENT_TYPES.BILL_ISSUED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, {
        caseNumber: d.caseNumber,
        amount: formatYuan(d.amountFen),
        paymentCode: d.paymentCode,
      });
    }
    case EVENT_TYPES.CASE_CLOSED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, { caseNumber: d.caseNumber, outcome: OUTCOMES[d.outcome] });
    }
    case EVENT_TYPES.TASK_CREATED:
      return null;
  }
}

function notice(
  template: NotifiedType,
  recipientId: string,
  about: { caseId: string; caseNumber: string },
  values: Values,
): Notice {
  return { recipientId, caseId: about.caseId, caseNumber: about.caseNumber, template, values };
}
