import { chinaDateTime } from '@onewindow/calendar/china-time';
import { EVENT_TYPES, type CatalogEvent } from '@onewindow/events/catalog';
import { tooLateToSend } from './delivery.js';
import type { Destination } from './message.js';
import type { Locale, Values } from './template.js';
import type { TemplateKey } from './templates.js';

/** Who is told what about which case: the input of a message, before rendering. */
export interface Notice {
  readonly recipientId: string;
  /** Empty for a notice about no case (a one-time code). */
  readonly caseId: string;
  readonly caseNumber: string;
  /** Sent to this contact instead of the inbox. */
  readonly destination?: Destination;
  /** A one-time code's end of validity: the message must not go out after it. */
  readonly expiresAt?: string;
  readonly template: TemplateKey;
  readonly values: Values;
  /** One of several recipients of the same event (staff notices): the message id names the recipient. */
  readonly perRecipient?: boolean;
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
    case EVENT_TYPES.CASE_SUSPENDED:
    case EVENT_TYPES.CASE_RESUMED:
    case EVENT_TYPES.CASE_EXTENDED:
    case EVENT_TYPES.INTERNAL_REVIEW_REQUESTED:
    case EVENT_TYPES.INTERNAL_REVIEW_DECIDED:
      return clockNoticeFor(event);
    default:
      // Events for staff, or of other services not (yet) told to applicants.
      return null;
  }
}

function notice(
  template: TemplateKey,
  recipientId: string,
  about: { caseId: string; caseNumber: string },
  values: Values,
): Notice {
  return { recipientId, caseId: about.caseId, caseNumber: about.caseNumber, template, values };
}

const PROCEDURES: Record<string, Record<Locale, string>> = {
  HEARING: { 'zh-CN': '听证', en: 'a hearing' },
  TENDERING: { 'zh-CN': '招标', en: 'tendering' },
  AUCTION: { 'zh-CN': '拍卖', en: 'an auction' },
  SITE_INSPECTION: { 'zh-CN': '现场勘查', en: 'a site inspection' },
  TESTING: { 'zh-CN': '检验检测', en: 'inspection and testing' },
  QUARANTINE: { 'zh-CN': '检疫', en: 'quarantine' },
  APPRAISAL: { 'zh-CN': '鉴定', en: 'an appraisal' },
  EXPERT_REVIEW: { 'zh-CN': '专家评审', en: 'an expert review' },
  SUPPLEMENT: { 'zh-CN': '补正材料', en: 'supplementary materials' },
};

const REVIEW_RESULTS: Record<'UPHELD' | 'OVERTURNED', Record<Locale, string>> = {
  UPHELD: { 'zh-CN': '维持原决定', en: 'the refusal is upheld' },
  OVERTURNED: { 'zh-CN': '撤销原不予许可决定', en: 'the refusal is overturned' },
};

const WARNING_LEVELS: Record<'EARLY' | 'YELLOW' | 'RED' | 'STEP_OVERDUE', Record<Locale, string>> = {
  EARLY: { 'zh-CN': '预警', en: 'early warning' },
  YELLOW: { 'zh-CN': '黄牌（超承诺时限）', en: 'yellow card (past the promised limit)' },
  RED: { 'zh-CN': '红牌（超法定时限）', en: 'red card (past the statutory limit)' },
  STEP_OVERDUE: { 'zh-CN': '环节超时', en: 'step overdue' },
};

const ESCALATIONS: Record<'REASSIGN_TO_CHIEF' | 'MOVE_ON', Record<Locale, string>> = {
  REASSIGN_TO_CHIEF: { 'zh-CN': '转上级负责人办理', en: 'handed up to the chief' },
  MOVE_ON: { 'zh-CN': '逾期视为同意，流程推进', en: 'deemed consent, moved on' },
};

/** The applicant is told in writing when the clock stops, restarts or is extended, and of internal review. */
function clockNoticeFor(event: CatalogEvent): Notice | null {
  switch (event.type) {
    case EVENT_TYPES.CASE_SUSPENDED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, {
        caseNumber: d.caseNumber,
        itemName: d.itemName,
        procedure: PROCEDURES[d.kind] ?? d.kind,
        reason: d.reason,
        remainingDays: String(d.remainingPromisedDays),
      });
    }
    case EVENT_TYPES.CASE_RESUMED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, { caseNumber: d.caseNumber, itemName: d.itemName, promisedDeadline: d.promisedDeadline, statutoryDeadline: d.statutoryDeadline });
    }
    case EVENT_TYPES.CASE_EXTENDED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, {
        caseNumber: d.caseNumber,
        itemName: d.itemName,
        days: String(d.days),
        reason: d.reason,
        promisedDeadline: d.promisedDeadline,
        statutoryDeadline: d.statutoryDeadline,
      });
    }
    case EVENT_TYPES.INTERNAL_REVIEW_REQUESTED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, { caseNumber: d.caseNumber, itemName: d.itemName });
    }
    case EVENT_TYPES.INTERNAL_REVIEW_DECIDED: {
      const d = event.data;
      return notice(event.type, d.applicantId, d, { caseNumber: d.caseNumber, itemName: d.itemName, result: REVIEW_RESULTS[d.result], opinion: d.opinion });
    }
    default:
      return null;
  }
}

/**
 * Electronic supervision's warnings and escalations go to the staff who
 * handle the case (its assignees, or their role's pool), their section
 * chief, and the supervisor of the org unit: one message each. Pools are
 * addressed as `role:<role>@<orgUnit>[/<agency>]`.
 */
export function staffNoticesFor(event: CatalogEvent): Notice[] {
  let recipients: string[];
  let values: Values;
  let about: { caseId: string; caseNumber: string };
  let template: TemplateKey;
  switch (event.type) {
    case EVENT_TYPES.CASE_WARNING_RAISED: {
      const d = event.data;
      about = d;
      template = event.type;
      recipients = [...d.handlers, `role:section_chief@${d.orgUnit}/${d.agency}`, `role:supervisor@${d.orgUnit}`];
      values = { caseNumber: d.caseNumber, itemName: d.itemName, level: WARNING_LEVELS[d.level], deadline: d.deadline, remainingDays: String(d.remainingWorkingDays) };
      break;
    }
    case EVENT_TYPES.CASE_ESCALATED: {
      const d = event.data;
      about = d;
      template = event.type;
      recipients = [`role:section_chief@${d.orgUnit}/${d.agency}`, `role:agency_head@${d.orgUnit}/${d.agency}`, `role:supervisor@${d.orgUnit}`];
      values = { caseNumber: d.caseNumber, itemName: d.itemName, level: WARNING_LEVELS[d.trigger], action: ESCALATIONS[d.action], detail: d.detail };
      break;
    }
    default:
      return [];
  }
  return [...new Set(recipients)].map((recipientId) => ({ ...notice(template, recipientId, about, values), perRecipient: true }));
}

/**
 * The one-time code identity asked to send, to the contact it names (never
 * to the inbox: whoever is signed in must not read the code that proves
 * the phone or mailbox is theirs). A code that has already expired when the
 * event arrives is not sent: it could only mislead.
 */
export function contactNoticeFor(event: CatalogEvent, now: Date): Notice | null {
  if (event.type !== EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED) return null;
  const d = event.data;
  if (tooLateToSend(d.expiresAt, now)) return null;
  const validMinutes = Math.round((Date.parse(d.expiresAt) - Date.parse(d.requestedAt)) / 60_000);
  return {
    recipientId: d.applicantId,
    caseId: '',
    caseNumber: '',
    destination: { kind: d.kind, value: d.destination },
    expiresAt: d.expiresAt,
    template: event.type,
    values: { code: d.code, minutes: String(validMinutes), expiresAt: chinaDateTime(d.expiresAt) },
  };
}
