import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import { MAX_LIMIT_DAYS } from './deadline.js';
import { STEP_LEVELS, type StepLevel } from './division.js';
import { checkInstantApproval, type InstantApproval } from './instant-approval.js';

/**
 * A workflow definition: the published procedure (办理流程) of one service
 * item (or bundle), versioned. A case keeps the version it was accepted
 * under. The steps form a graph without cycles: each step names where an
 * approval and a refusal go, another step or an end state. Sending a case
 * back is an action on a task (return), not an edge of the graph.
 *
 * Step kinds:
 * - TASK: one task, for a role, at an org unit level, in an agency (by
 *   default the case's own agency).
 * - JOINT (并联审批): one task per participant agency at once, then one for
 *   the lead agency, which combines the opinions. A participant's refusal
 *   binds: the combined outcome is then a refusal (see `workflow.ts`).
 * - FAN_OUT (一件事 bundle): one task per branch (item) at once; fan-in when
 *   all are done: approved when every branch approved, refused otherwise.
 */
export const STAFF_ROLES = ['approver', 'section_chief', 'agency_head'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const END_STATES = ['APPROVED', 'REJECTED'] as const;
export type EndState = (typeof END_STATES)[number];
export const isEndState = (target: string): target is EndState => (END_STATES as readonly string[]).includes(target);

export interface Party {
  /** Short ASCII key used in task ids (`<caseId>:<step>.<key>`). */
  readonly key: string;
  readonly agency: string;
  readonly name?: string;
}

interface StepCommon {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly level: StepLevel;
  /** Per-step limit in working days from the step's start; null: only the case's limits apply. */
  readonly limitDays: number | null;
  /** A step id, or an end state. */
  readonly onApprove: string;
  readonly onReject: string;
}

export interface TaskStep extends StepCommon {
  readonly kind: 'TASK';
  /** Null: the case's implementing agency. */
  readonly agency: string | null;
}

export interface JointStep extends StepCommon {
  readonly kind: 'JOINT';
  readonly lead: Party;
  readonly participants: readonly Party[];
}

export interface FanOutStep extends StepCommon {
  readonly kind: 'FAN_OUT';
  readonly branches: readonly Party[];
}

export type Step = TaskStep | JointStep | FanOutStep;
export const STEP_KINDS = ['TASK', 'JOINT', 'FAN_OUT'] as const;

export const ESCALATION_TRIGGERS = ['STEP_OVERDUE', 'YELLOW', 'RED'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];
export const ESCALATION_ACTIONS = ['NONE', 'REASSIGN_TO_CHIEF', 'MOVE_ON'] as const;
export type EscalationAction = (typeof ESCALATION_ACTIONS)[number];

export interface EscalationPolicy {
  readonly trigger: EscalationTrigger;
  readonly action: EscalationAction;
}

/** Electronic supervision settings; null fields take the service's configured defaults. */
export interface SupervisionSettings {
  readonly earlyWarningPercent: number | null;
  readonly escalation: EscalationPolicy | null;
}

export interface WorkflowDefinition {
  /** The item code, or a bundle code. */
  readonly itemCode: string;
  /** 0 for the built-in default, 1, 2, … as saved. */
  readonly version: number;
  readonly name: string;
  readonly start: string;
  readonly steps: readonly Step[];
  readonly instantApproval: InstantApproval | null;
  readonly supervision: SupervisionSettings;
  /** Working days an agency head may add in all; null: the Licensing Law's 10 (15 for joint handling). */
  readonly maxExtensionDays: number | null;
  readonly definedBy: string;
  readonly definedAt: string;
}

/** What a caller submits: enum fields as plain text until checked. */
export interface WorkflowDraft {
  readonly itemCode: string;
  readonly name: string;
  readonly start: string;
  readonly steps: readonly {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly role: string;
    readonly level: string;
    readonly agency: string;
    readonly limitDays: number;
    readonly onApprove: string;
    readonly onReject: string;
    readonly lead: Party | null;
    readonly participants: readonly Party[];
    readonly branches: readonly Party[];
  }[];
  readonly instantApproval: {
    readonly rules: readonly { id: string; description: string; fact: string; op: string; values: readonly string[] }[];
    readonly opinion: string;
    readonly legalBasis: readonly string[];
  } | null;
  readonly earlyWarningPercent: number;
  readonly escalationTrigger: string;
  readonly escalationAction: string;
  readonly maxExtensionDays: number;
}

export const DEFAULT_STEP_ID = 'review';
export const INTERNAL_REVIEW_STEP_ID = 'internal-review';

/** Items without a saved definition: one review by an approver of the case's org unit, who decides. */
export function defaultDefinition(itemCode: string): WorkflowDefinition {
  return {
    itemCode,
    version: 0,
    name: '审查决定',
    start: DEFAULT_STEP_ID,
    steps: [
      { kind: 'TASK', id: DEFAULT_STEP_ID, name: '审查决定', role: 'approver', level: 'CASE', agency: null, limitDays: null, onApprove: 'APPROVED', onReject: 'REJECTED' },
    ],
    instantApproval: null,
    supervision: { earlyWarningPercent: null, escalation: null },
    maxExtensionDays: null,
    definedBy: 'system',
    definedAt: '1970-01-01T00:00:00.000Z',
  };
}

export const stepOf = (definition: WorkflowDefinition, id: string): Step | undefined => definition.steps.find((s) => s.id === id);

const ITEM_CODE = /^[A-Za-z0-9_-]{1,64}$/;
const KEY = /^[a-z][a-z0-9_-]{0,31}$/;
const MAX_STEPS = 30;
const MAX_PARTIES = 20;
const MAX_NAME = 100;
const MAX_AGENCY = 64;
export const MAX_EXTENSION_DAYS = 30;

/**
 * Validates a submitted definition and returns it typed, or throws
 * `WORKFLOW_INVALID` naming every problem: every step has a role, every
 * target exists, every step is reachable from the start, there is no cycle,
 * and both end states can be reached.
 */
export function validateDefinition(draft: WorkflowDraft, meta: { version: number; definedBy: string; definedAt: string }): WorkflowDefinition {
  const problems: ErrorDetail[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message });
  if (!ITEM_CODE.test(draft.itemCode)) fail('itemCode', 'an item or bundle code: letters, digits, - or _');
  const name = draft.name.trim();
  if (!name || name.length > MAX_NAME) fail('name', `1 to ${MAX_NAME} characters`);
  if (draft.steps.length === 0 || draft.steps.length > MAX_STEPS) fail('steps', `1 to ${MAX_STEPS} steps`);

  const ids = new Set<string>();
  const steps = draft.steps.map((raw, i): Step => {
    const at = `steps[${i}]`;
    if (!KEY.test(raw.id) || raw.id === INTERNAL_REVIEW_STEP_ID) fail(`${at}.id`, 'lower-case letters, digits, - or _, starting with a letter (not "internal-review")');
    if (ids.has(raw.id)) fail(`${at}.id`, `step id "${raw.id}" is used twice`);
    ids.add(raw.id);
    const stepName = raw.name.trim();
    if (!stepName || stepName.length > MAX_NAME) fail(`${at}.name`, `1 to ${MAX_NAME} characters`);
    const role = STAFF_ROLES.find((r) => r === raw.role);
    if (!role) fail(`${at}.role`, `every step has a role: one of ${STAFF_ROLES.join(', ')}`);
    const level = STEP_LEVELS.find((l) => l === raw.level);
    if (!level) fail(`${at}.level`, `one of ${STEP_LEVELS.join(', ')}`);
    if (!Number.isInteger(raw.limitDays) || raw.limitDays < 0 || raw.limitDays > MAX_LIMIT_DAYS) fail(`${at}.limitDays`, `0 (none) to ${MAX_LIMIT_DAYS} working days`);
    const common = {
      id: raw.id,
      name: stepName,
      role: role ?? 'approver',
      level: level ?? 'CASE',
      limitDays: raw.limitDays > 0 ? raw.limitDays : null,
      onApprove: raw.onApprove,
      onReject: raw.onReject,
    } as const;
    switch (raw.kind) {
      case 'TASK': {
        const agency = raw.agency.trim();
        if (agency.length > MAX_AGENCY) fail(`${at}.agency`, `at most ${MAX_AGENCY} characters`);
        return { ...common, kind: 'TASK', agency: agency || null };
      }
      case 'JOINT': {
        const lead = raw.lead ?? { key: 'lead', agency: '' };
        checkParties(`${at}.participants`, raw.participants, 1, problems);
        if (!lead.agency.trim() || lead.agency.length > MAX_AGENCY) fail(`${at}.lead.agency`, 'a joint step names its lead agency');
        if (raw.participants.some((p) => p.agency.trim() === lead.agency.trim())) fail(`${at}.lead`, 'the lead agency combines the opinions; it is not also a participant');
        return { ...common, kind: 'JOINT', lead: { key: 'lead', agency: lead.agency.trim() }, participants: raw.participants.map(cleanParty) };
      }
      case 'FAN_OUT':
        checkParties(`${at}.branches`, raw.branches, 2, problems);
        return { ...common, kind: 'FAN_OUT', branches: raw.branches.map(cleanParty) };
      default:
        fail(`${at}.kind`, `one of ${STEP_KINDS.join(', ')}`);
        return { ...common, kind: 'TASK', agency: null };
    }
  });

  for (const [i, step] of steps.entries()) {
    for (const edge of ['onApprove', 'onReject'] as const) {
      const target = step[edge];
      if (target === step.id) fail(`steps[${i}].${edge}`, 'a step cannot lead to itself');
      else if (!isEndState(target) && !ids.has(target)) fail(`steps[${i}].${edge}`, `"${target}" is neither a step nor ${END_STATES.join(' or ')}`);
    }
  }
  if (!ids.has(draft.start)) fail('start', `"${draft.start}" is not a step`);
  if (problems.length === 0) checkGraph(draft.start, steps, problems);

  const instantApproval = draft.instantApproval ? checkInstantApproval(draft.instantApproval, problems) : null;
  const early = draft.earlyWarningPercent;
  if (!Number.isInteger(early) || early < 0 || early > 99) fail('earlyWarningPercent', '0 (the service default) or 1 to 99');
  const trigger = ESCALATION_TRIGGERS.find((t) => t === draft.escalationTrigger);
  const action = ESCALATION_ACTIONS.find((a) => a === draft.escalationAction);
  if (draft.escalationTrigger && !trigger) fail('escalationTrigger', `one of ${ESCALATION_TRIGGERS.join(', ')}`);
  if (draft.escalationAction && !action) fail('escalationAction', `one of ${ESCALATION_ACTIONS.join(', ')}`);
  if (Boolean(draft.escalationTrigger) !== Boolean(draft.escalationAction)) fail('escalation', 'give both the trigger and the action, or neither');
  if (!Number.isInteger(draft.maxExtensionDays) || draft.maxExtensionDays < 0 || draft.maxExtensionDays > MAX_EXTENSION_DAYS) {
    fail('maxExtensionDays', `0 (the statutory default) to ${MAX_EXTENSION_DAYS}`);
  }
  if (problems.length > 0) throw invalid('WORKFLOW_INVALID', `the workflow definition is invalid: ${problems.length} problem(s)`, problems);
  return {
    itemCode: draft.itemCode,
    version: meta.version,
    name,
    start: draft.start,
    steps,
    instantApproval,
    supervision: { earlyWarningPercent: early > 0 ? early : null, escalation: trigger && action ? { trigger, action } : null },
    maxExtensionDays: draft.maxExtensionDays > 0 ? draft.maxExtensionDays : null,
    definedBy: meta.definedBy,
    definedAt: meta.definedAt,
  };
}

function cleanParty(p: Party): Party {
  return { key: p.key, agency: p.agency.trim(), ...(p.name?.trim() ? { name: p.name.trim() } : {}) };
}

function checkParties(field: string, parties: readonly Party[], min: number, problems: ErrorDetail[]): void {
  if (parties.length < min || parties.length > MAX_PARTIES) problems.push({ field, message: `${min} to ${MAX_PARTIES} entries` });
  const keys = new Set<string>();
  const agencies = new Set<string>();
  for (const [i, p] of parties.entries()) {
    if (!KEY.test(p.key) || p.key === 'lead' || /^r\d+$/.test(p.key)) problems.push({ field: `${field}[${i}].key`, message: 'lower-case ASCII key (not "lead" or r<n>)' });
    if (keys.has(p.key)) problems.push({ field: `${field}[${i}].key`, message: `key "${p.key}" is used twice` });
    keys.add(p.key);
    const agency = p.agency.trim();
    if (!agency || agency.length > MAX_AGENCY) problems.push({ field: `${field}[${i}].agency`, message: `1 to ${MAX_AGENCY} characters` });
    if (agencies.has(agency)) problems.push({ field: `${field}[${i}].agency`, message: `agency "${agency}" is listed twice` });
    agencies.add(agency);
    if ((p.name ?? '').length > MAX_NAME) problems.push({ field: `${field}[${i}].name`, message: `at most ${MAX_NAME} characters` });
  }
}

/** Reachability from the start, no cycle, and both end states reachable. */
function checkGraph(start: string, steps: readonly Step[], problems: ErrorDetail[]): void {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const reached = new Set<string>();
  const ends = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  let cycle: string | null = null;
  const visit = (id: string, path: string[]): void => {
    if (isEndState(id)) {
      ends.add(id);
      return;
    }
    if (state.get(id) === 'visiting') {
      cycle ??= [...path, id].join(' → ');
      return;
    }
    if (state.get(id) === 'done') return;
    state.set(id, 'visiting');
    reached.add(id);
    const step = byId.get(id);
    if (step) for (const next of [step.onApprove, step.onReject]) visit(next, [...path, id]);
    state.set(id, 'done');
  };
  visit(start, []);
  if (cycle) problems.push({ field: 'steps', message: `the steps form a cycle: ${cycle as string}` });
  for (const step of steps) if (!reached.has(step.id)) problems.push({ field: 'steps', message: `step "${step.id}" cannot be reached from the start` });
  for (const end of END_STATES) if (!ends.has(end)) problems.push({ field: 'steps', message: `no path reaches ${end}` });
}
