// Fixture builders shared by the approval service's tests (excluded from the build).
import type { Principal } from '@onewindow/auth';
import { bundledCalendar } from '@onewindow/calendar';
import type { CaseAcceptedData } from '@onewindow/events';
import type { ApprovalCase } from '../domain/case.js';
import { defaultDefinition, validateDefinition, type WorkflowDefinition, type WorkflowDraft } from '../domain/definition.js';
import type { Change } from '../domain/facts.js';
import type { SupervisionDefaults } from '../domain/supervision.js';
import { record } from '../domain/timeline.js';
import { openCase } from '../domain/workflow.js';

export const calendar = bundledCalendar();
export const ORG_UNIT = '510100';
export const MARKET = '市场监督管理局';

/** Accepted Wed 2026-03-11 10:00 in China: 5 working days promised (Wed 03-18), 20 statutory (Thu 04-09, after Qingming). */
export function acceptedCaseFixture(overrides: Partial<CaseAcceptedData> = {}): CaseAcceptedData {
  return {
    caseId: '0198c2a0-0000-7000-8000-000000000001',
    caseNumber: 'SC510100-20260311-000001',
    itemCode: 'SCJG-XK-014',
    itemVersion: 1,
    itemName: '食品经营许可',
    applicantId: 'u-applicant-zhang',
    applicantName: '张三',
    hall: 'hall-510100-01',
    orgUnit: ORG_UNIT,
    agency: MARKET,
    acceptedAt: '2026-03-11T02:00:00.000Z',
    acceptedBy: 'u-clerk-li',
    statutoryLimitDays: 20,
    promisedLimitDays: 5,
    fee: null,
    resultLicenceType: 'FOOD_BUSINESS_LICENCE',
    caseKind: 'PROMISED',
    ...overrides,
  };
}

type StepDraft = WorkflowDraft['steps'][number];

export function stepDraft(overrides: Partial<StepDraft> & Pick<StepDraft, 'id'>): StepDraft {
  return {
    name: overrides.id,
    kind: 'TASK',
    role: 'approver',
    level: 'CASE',
    agency: '',
    limitDays: 0,
    onApprove: 'APPROVED',
    onReject: 'REJECTED',
    lead: null,
    participants: [],
    branches: [],
    ...overrides,
  };
}

export function draftFixture(overrides: Partial<WorkflowDraft> = {}): WorkflowDraft {
  return {
    itemCode: 'SCJG-XK-014',
    name: '审查决定',
    start: 'review',
    steps: [stepDraft({ id: 'review', name: '审查', onApprove: 'decide', onReject: 'decide', limitDays: 3 }), stepDraft({ id: 'decide', name: '决定', role: 'section_chief', limitDays: 2 })],
    instantApproval: null,
    earlyWarningPercent: 0,
    escalationTrigger: '',
    escalationAction: '',
    maxExtensionDays: 0,
    ...overrides,
  };
}

export const definitionOf = (draft: WorkflowDraft, version = 1): WorkflowDefinition =>
  validateDefinition(draft, { version, definedBy: 'admin', definedAt: '2026-03-01T00:00:00.000Z' });

/** Serial review (approver) → decide (section chief), both at the case's org unit. */
export const serialDefinition = (overrides: Partial<WorkflowDraft> = {}) => definitionOf(draftFixture(overrides));

/** 并联审批 as seeded for ZJ-XK-003: planning and fire review at once, housing (the lead) combines. */
export const jointDefinition = () =>
  definitionOf(
    draftFixture({
      itemCode: 'ZJ-XK-003',
      start: 'joint',
      steps: [
        stepDraft({
          id: 'joint',
          name: '并联审查',
          kind: 'JOINT',
          limitDays: 2,
          lead: { key: 'lead', agency: '住房和城乡建设局' },
          participants: [
            { key: 'planning', agency: '自然资源和规划局', name: '规划条件核实' },
            { key: 'fire', agency: '消防救援机构', name: '消防设计审查' },
          ],
        }),
      ],
    }),
  );

/** 市县联动: the county's preliminary review, then the city decides. */
export const countyCityDefinition = () =>
  definitionOf(
    draftFixture({
      itemCode: 'GA-QR-031',
      start: 'preliminary',
      steps: [
        stepDraft({ id: 'preliminary', name: '县级初审', onApprove: 'decide', onReject: 'decide', limitDays: 3 }),
        stepDraft({ id: 'decide', name: '市级决定', level: 'CITY', limitDays: 2 }),
      ],
    }),
  );

/** A bundle (一件事) fanning out to three agencies. */
export const fanOutDefinition = () =>
  definitionOf(
    draftFixture({
      itemCode: 'BUNDLE-NEWBORN',
      start: 'fan-out',
      steps: [
        stepDraft({
          id: 'fan-out',
          kind: 'FAN_OUT',
          branches: [
            { key: 'birth-cert', agency: '卫生健康委员会', name: '出生医学证明' },
            { key: 'hukou', agency: '公安局', name: '出生登记' },
            { key: 'insurance', agency: '医疗保障局', name: '医保参保登记' },
          ],
        }),
      ],
    }),
  );

export const instantDefinition = () =>
  definitionOf(
    draftFixture({
      itemCode: 'GJJ-GG-007',
      start: 'review',
      steps: [stepDraft({ id: 'review' })],
      instantApproval: {
        rules: [
          { id: 'no-fee', description: '不收取费用', fact: 'feeAmountFen', op: 'IS_NULL', values: [] },
          { id: 'within-sichuan', description: '在四川省内受理', fact: 'orgUnit', op: 'PREFIX', values: ['51'] },
        ],
        opinion: '符合秒批规则，系统自动准予办理。',
        legalBasis: ['《住房公积金管理条例》'],
      },
    }),
  );

export const defaultFor = (itemCode = 'SCJG-XK-014') => defaultDefinition(itemCode);

/** A case opened at `now` (default: right after acceptance) under a definition, with its audit trail. */
export function openedCase(definition: WorkflowDefinition, overrides: Partial<CaseAcceptedData> = {}, now = new Date('2026-03-11T02:00:05Z')): ApprovalCase {
  return apply(openCase(acceptedCaseFixture({ itemCode: definition.itemCode, ...overrides }), definition, calendar, now));
}

/** The case after a change, with the change's facts in its audit trail. */
export const apply = (change: Change<ApprovalCase>): ApprovalCase => record(change.case, change.facts, null);

export const SUPERVISION: SupervisionDefaults = { earlyWarningPercent: 80, escalation: { trigger: 'RED', action: 'REASSIGN_TO_CHIEF' } };

export function principalFixture(overrides: Partial<Principal> = {}): Principal {
  return {
    subject: 'u-approver-zhao',
    username: 'zhao.approver',
    roles: ['approver'],
    orgUnit: ORG_UNIT,
    agency: MARKET,
    clientId: 'onewindow-console',
    token: 'token-approver-zhao',
    ...overrides,
  };
}

const staff = (subject: string, username: string, more: Partial<Principal>) => principalFixture({ subject, username, token: `token-${subject}`, ...more });

export const approver = principalFixture;
export const otherApprover = () => staff('u-approver-qian', 'qian.approver', {});
export const approverElsewhere = () => staff('u-approver-sun', 'sun.approver', { orgUnit: '510104' });
export const approverOtherAgency = () => staff('u-approver-wu', 'wu.approver', { agency: '交通运输局' });
export const chief = () => staff('u-chief-zhou', 'zhou.chief', { roles: ['section_chief'] });
export const otherChief = () => staff('u-chief-wang', 'wang.chief', { roles: ['section_chief'] });
export const head = () => staff('u-head-feng', 'feng.head', { roles: ['agency_head'] });
export const supervisor = () => staff('u-supervisor', 'supervisor', { roles: ['supervisor'], agency: undefined });
export const countySupervisor = () => staff('u-supervisor-wuhou', 'wuhou.supervisor', { roles: ['supervisor'], orgUnit: '510107', agency: undefined });
export const admin = () => staff('u-admin', 'admin', { roles: ['platform_admin'], orgUnit: undefined, agency: undefined });
export const clerk = () => staff('u-clerk-li', 'li.clerk', { roles: ['clerk'], hall: 'hall-510100-01' });
export const applicant = () => staff('u-applicant-zhang', 'applicant-demo', { roles: ['applicant'], orgUnit: undefined, agency: undefined });
export const otherApplicant = () => staff('u-applicant-li', 'li.si', { roles: ['applicant'], orgUnit: undefined, agency: undefined });

/** Staff of the joint review (county 510107) and of the county→city workflow (公安局). */
export const countyApprover = (agency: string, subject = `u-county-${agency}`) => staff(subject, `${subject}.approver`, { orgUnit: '510107', agency });
export const cityApprover = (agency: string, subject = `u-city-${agency}`) => staff(subject, `${subject}.approver`, { orgUnit: '510100', agency });
