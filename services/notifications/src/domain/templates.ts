import { EVENT_TYPES } from '@onewindow/events';
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
