import { EVENT_TYPES } from '@onewindow/events/catalog';
import type { Template } from './template.js';

/** The events an applicant hears about, each with its template. */
export const NOTIFIED_TYPES = [
  EVENT_TYPES.CASE_SUBMITTED,
  EVENT_TYPES.CASE_ACCEPTED,
  EVENT_TYPES.CASE_DECIDED,
  EVENT_TYPES.LICENCE_ISSUED,
  EVENT_TYPES.BILL_ISSUED,
  EVENT_TYPES.CASE_CLOSED,
] as const;
export type NotifiedType = (typeof NOTIFIED_TYPES)[number];

/** The template table, keyed by event type. */
export const TEMPLATES: Readonly<Record<NotifiedType, Template>> = {
  [EVENT_TYPES.CASE_SUBMITTED]: {
    placeholders: ['caseNumber', 'itemName'],
    texts: {
      'zh-CN': { title: '申请已提交', body: '您的办件 {caseNumber}（{itemName}）已提交，请等待窗口受理。' },
      en: { title: 'Application submitted', body: 'Your application {caseNumber} ({itemName}) has been submitted and awaits acceptance.' },
    },
  },
  [EVENT_TYPES.CASE_ACCEPTED]: {
    placeholders: ['caseNumber', 'itemName', 'agency', 'promisedLimitDays'],
    texts: {
      'zh-CN': {
        title: '申请已受理',
        body: '您的办件 {caseNumber}（{itemName}）已由{agency}受理，承诺于 {promisedLimitDays} 个工作日内办结。',
      },
      en: {
        title: 'Application accepted',
        body: 'Your application {caseNumber} ({itemName}) has been accepted by {agency} and will be handled within {promisedLimitDays} working days.',
      },
    },
  },
  [EVENT_TYPES.CASE_DECIDED]: {
    placeholders: ['caseNumber', 'itemName', 'decision'],
    texts: {
      'zh-CN': { title: '审批结果：{decision}', body: '您的办件 {caseNumber}（{itemName}）已作出决定：{decision}。' },
      en: { title: 'Decision: {decision}', body: 'A decision has been made on your application {caseNumber} ({itemName}): {decision}.' },
    },
  },
  [EVENT_TYPES.LICENCE_ISSUED]: {
    placeholders: ['caseNumber', 'licenceId'],
    texts: {
      'zh-CN': { title: '电子证照已签发', body: '您的办件 {caseNumber} 的电子证照已签发（证照标识 {licenceId}），可在证照库中查看。' },
      en: {
        title: 'E-licence issued',
        body: 'The e-licence for your application {caseNumber} has been issued (licence id {licenceId}); find it in your licence library.',
      },
    },
  },
  [EVENT_TYPES.BILL_ISSUED]: {
    placeholders: ['caseNumber', 'amount', 'paymentCode'],
    texts: {
      'zh-CN': { title: '缴款通知', body: '您的办件 {caseNumber} 需缴纳费用 {amount} 元，缴款码 {paymentCode}。' },
      en: { title: 'Payment notice', body: 'Your application {caseNumber} has a fee of CNY {amount} to pay; payment code {paymentCode}.' },
    },
  },
  [EVENT_TYPES.CASE_CLOSED]: {
    placeholders: ['caseNumber', 'outcome'],
    texts: {
      'zh-CN': { title: '办件已办结', body: '您的办件 {caseNumber} 已办结，结果：{outcome}。' },
      en: { title: 'Application closed', body: 'Your application {caseNumber} is closed: {outcome}.' },
    },
  },
};

/**
 * Approval's written notices to the applicant (issue 6): the clock stopped,
 * restarted or extended (行政许可法 Art. 45: the applicant is told in
 * writing), and internal review (复核).
 */
export const CLOCK_NOTICE_TYPES = [
  EVENT_TYPES.CASE_SUSPENDED,
  EVENT_TYPES.CASE_RESUMED,
  EVENT_TYPES.CASE_EXTENDED,
  EVENT_TYPES.INTERNAL_REVIEW_REQUESTED,
  EVENT_TYPES.INTERNAL_REVIEW_DECIDED,
] as const;
export type ClockNoticeType = (typeof CLOCK_NOTICE_TYPES)[number];

/** Electronic supervision's notices to staff: the handler, their section chief and the supervisor. */
export const STAFF_NOTICE_TYPES = [EVENT_TYPES.CASE_WARNING_RAISED, EVENT_TYPES.CASE_ESCALATED] as const;
export type StaffNoticeType = (typeof STAFF_NOTICE_TYPES)[number];

/** Sent to a contact, not to the inbox: one-time codes that prove a mobile or email is the applicant's. */
export const CONTACT_NOTICE_TYPES = [EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED] as const;
export type ContactNoticeType = (typeof CONTACT_NOTICE_TYPES)[number];

export type TemplateKey = NotifiedType | ClockNoticeType | StaffNoticeType | ContactNoticeType;

export const CONTACT_TEMPLATES: Readonly<Record<ContactNoticeType, Template>> = {
  [EVENT_TYPES.CONTACT_VERIFICATION_REQUESTED]: {
    placeholders: ['code', 'minutes', 'expiresAt'],
    secrets: ['code'],
    texts: {
      'zh-CN': {
        title: '【一网通办】验证码',
        body: '您的验证码为 {code}，{minutes} 分钟内有效（北京时间 {expiresAt} 前）。请勿告诉他人；如非本人操作，请忽略本消息。',
      },
      en: {
        title: 'OneWindow verification code',
        body: 'Your verification code is {code}. It is valid for {minutes} minutes (until {expiresAt} Beijing time). Do not share it; if you did not ask for it, ignore this message.',
      },
    },
  },
};

export const APPROVAL_TEMPLATES: Readonly<Record<ClockNoticeType | StaffNoticeType, Template>> = {
  [EVENT_TYPES.CASE_SUSPENDED]: {
    placeholders: ['caseNumber', 'itemName', 'procedure', 'reason', 'remainingDays'],
    texts: {
      'zh-CN': {
        title: '办理时限中止告知',
        body: '您的办件 {caseNumber}（{itemName}）因{procedure}中止计算办理时限，原因：{reason}。中止期间不计入办理时限，恢复计算后剩余 {remainingDays} 个工作日。',
      },
      en: {
        title: 'Notice: time limit suspended',
        body: 'The time limit of your application {caseNumber} ({itemName}) is suspended for {procedure}: {reason}. The suspension does not count toward the limit; {remainingDays} working days remain once it resumes.',
      },
    },
  },
  [EVENT_TYPES.CASE_RESUMED]: {
    placeholders: ['caseNumber', 'itemName', 'promisedDeadline', 'statutoryDeadline'],
    texts: {
      'zh-CN': {
        title: '办理时限恢复计算',
        body: '您的办件 {caseNumber}（{itemName}）已恢复计算办理时限，承诺办结日期 {promisedDeadline}，法定办结日期 {statutoryDeadline}。',
      },
      en: {
        title: 'Time limit running again',
        body: 'The time limit of your application {caseNumber} ({itemName}) is running again: promised by {promisedDeadline}, at the latest by {statutoryDeadline}.',
      },
    },
  },
  [EVENT_TYPES.CASE_EXTENDED]: {
    placeholders: ['caseNumber', 'itemName', 'days', 'reason', 'promisedDeadline', 'statutoryDeadline'],
    texts: {
      'zh-CN': {
        title: '办理时限延长告知',
        body: '经本机关负责人批准，您的办件 {caseNumber}（{itemName}）办理时限延长 {days} 个工作日，理由：{reason}。承诺办结日期 {promisedDeadline}，法定办结日期 {statutoryDeadline}。',
      },
      en: {
        title: 'Notice: time limit extended',
        body: 'With the approval of the agency head, the time limit of your application {caseNumber} ({itemName}) is extended by {days} working days: {reason}. Promised by {promisedDeadline}, at the latest by {statutoryDeadline}.',
      },
    },
  },
  [EVENT_TYPES.INTERNAL_REVIEW_REQUESTED]: {
    placeholders: ['caseNumber', 'itemName'],
    texts: {
      'zh-CN': { title: '复核申请已受理', body: '您对办件 {caseNumber}（{itemName}）不予许可决定的复核申请已受理，将由原审批人员以外的人员复核。' },
      en: { title: 'Internal review requested', body: 'Your request to review the refusal of {caseNumber} ({itemName}) is registered; someone other than the original approver will review it.' },
    },
  },
  [EVENT_TYPES.INTERNAL_REVIEW_DECIDED]: {
    placeholders: ['caseNumber', 'itemName', 'result', 'opinion'],
    texts: {
      'zh-CN': { title: '复核结果：{result}', body: '您的办件 {caseNumber}（{itemName}）复核结果：{result}。复核意见：{opinion}' },
      en: { title: 'Internal review: {result}', body: 'Internal review of your application {caseNumber} ({itemName}): {result}. Opinion: {opinion}' },
    },
  },
  [EVENT_TYPES.CASE_WARNING_RAISED]: {
    placeholders: ['caseNumber', 'itemName', 'level', 'deadline', 'remainingDays'],
    texts: {
      'zh-CN': {
        title: '电子监察{level}：{caseNumber}',
        body: '办件 {caseNumber}（{itemName}）{level}：期限 {deadline}，剩余 {remainingDays} 个工作日（负数为已超期的工作日数）。请及时办理。',
      },
      en: {
        title: 'E-supervision {level}: {caseNumber}',
        body: 'Case {caseNumber} ({itemName}) {level}: due {deadline}, {remainingDays} working days left (negative: working days overdue). Please act on it.',
      },
    },
  },
  [EVENT_TYPES.CASE_ESCALATED]: {
    placeholders: ['caseNumber', 'itemName', 'level', 'action', 'detail'],
    texts: {
      'zh-CN': { title: '电子监察自动升级：{caseNumber}', body: '办件 {caseNumber}（{itemName}）因{level}已自动升级：{action}（{detail}）。' },
      en: { title: 'E-supervision escalation: {caseNumber}', body: 'Case {caseNumber} ({itemName}) was escalated automatically on {level}: {action} ({detail}).' },
    },
  },
};

export function templateFor(key: TemplateKey): Template {
  const table: Readonly<Record<string, Template>> = { ...TEMPLATES, ...APPROVAL_TEMPLATES, ...CONTACT_TEMPLATES };
  const template = table[key];
  if (!template) throw new RangeError(`no template for ${key}`);
  return template;
}
