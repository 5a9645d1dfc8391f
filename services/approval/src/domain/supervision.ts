import { SYSTEM } from './actor.js';
import { isOpen, openTasks, replaceTask, taskOf, type ApprovalCase, type Task, type Warning, type WarningLevel } from './case.js';
import { recountDeadlines, remainingToday } from './clock.js';
import { remainingOn, type Countdown } from './countdown.js';
import { chinaDate, type WorkingDays } from './deadline.js';
import { isEndState, stepOf, type EscalationAction, type EscalationPolicy, type EscalationTrigger, type StaffRole } from './definition.js';
import type { Change, Fact } from './facts.js';
import { reassignTask } from './tasks.js';
import { afterCompletion } from './workflow.js';

/**
 * Electronic supervision (电子监察), computed from the clock, never typed in:
 * - EARLY: the configured share (e.g. 80%) of the promised limit is used;
 * - YELLOW (黄牌): the promised limit has passed;
 * - RED (红牌): the statutory limit has passed;
 * - STEP_OVERDUE: a step's own limit has passed.
 * Each is raised once per case (once per task for a step), as an event that
 * notifies the handler, their chief and the supervisor, and stays on the case.
 * A configured escalation then acts on breach, always announced.
 */
export interface SupervisionDefaults {
  readonly earlyWarningPercent: number;
  readonly escalation: EscalationPolicy;
}

const CHIEF_ABOVE: Record<StaffRole, StaffRole | null> = { approver: 'section_chief', section_chief: 'agency_head', agency_head: null };
const LEVEL_NAMES: Record<WarningLevel, string> = { EARLY: '预警', YELLOW: '黄牌', RED: '红牌', STEP_OVERDUE: '环节超时' };

/** Who handles a task: its holder, or its role's pool at its org unit and agency. */
export const handlerOf = (t: Task): string => t.assignee ?? `role:${t.role}@${t.orgUnit}/${t.agency}`;

const raised = (c: ApprovalCase, level: WarningLevel, taskId: string | null) => c.warnings.some((w) => w.level === level && w.taskId === taskId);

export function evaluateClock(c: ApprovalCase, now: Date, calendar: WorkingDays, defaults: SupervisionDefaults): Change<ApprovalCase> {
  const recounted = recountDeadlines(c, now, calendar);
  if (recounted.case.status !== 'IN_PROGRESS') return recounted;
  let current = recounted.case;
  const facts: Fact[] = [...recounted.facts];
  const today = chinaDate(now);
  const at = now.toISOString();
  const { promised, statutory } = current.clock;
  const left = remainingToday(current, now, calendar);
  const percent = current.definition.supervision.earlyWarningPercent ?? defaults.earlyWarningPercent;
  const earlyAt = Math.ceil((promised.limitDays * percent) / 100);

  const due: Warning[] = [];
  const add = (level: WarningLevel, deadline: string, remaining: number, taskId: string | null) => {
    if (!raised(current, level, taskId)) due.push({ level, raisedAt: at, taskId, deadline, remainingWorkingDays: remaining });
  };
  if (promised.limitDays >= 1 && promised.limitDays - left.promised >= earlyAt) add('EARLY', promised.deadline, left.promised, null);
  if (left.promised < 0) add('YELLOW', promised.deadline, left.promised, null);
  if (left.statutory < 0) add('RED', statutory.deadline, left.statutory, null);
  for (const task of openTasks(current)) {
    if (!task.stepClock) continue;
    const remaining = remainingOn(calendar, task.stepClock, today);
    if (remaining < 0) add('STEP_OVERDUE', task.stepClock.deadline, remaining, task.id);
  }
  if (due.length === 0) return recounted;

  current = { ...current, warnings: [...current.warnings, ...due], updatedAt: at };
  for (const warning of due) {
    const concerned = warning.taskId ? [taskOf(current, warning.taskId)!] : openTasks(current);
    const first = concerned[0];
    facts.push({
      type: 'WARNING_RAISED',
      at,
      warning,
      handlers: [...new Set(concerned.map(handlerOf))],
      orgUnit: first?.orgUnit ?? current.orgUnit,
      agency: first?.agency ?? current.agency,
    });
  }

  const policy = current.definition.supervision.escalation ?? defaults.escalation;
  if (policy.action !== 'NONE') {
    for (const warning of due.filter((w) => w.level === policy.trigger)) {
      const targets = warning.taskId ? [warning.taskId] : openTasks(current).map((t) => t.id);
      const escalated = escalate(current, targets, policy.trigger, policy.action, now, calendar);
      current = escalated.case;
      facts.push(...escalated.facts);
    }
  }
  return { case: current, facts };
}

/** A task whose approval would decide the case is never deemed approved: it goes up to a chief instead. */
function decides(c: ApprovalCase, task: Task): boolean {
  if (task.kind === 'BRANCH' || task.kind === 'INTERNAL_REVIEW') return true;
  if (task.kind === 'PARTICIPANT') return false;
  const step = stepOf(c.definition, task.stepId);
  return !step || isEndState(step.onApprove);
}

function escalate(
  c: ApprovalCase,
  taskIds: readonly string[],
  trigger: EscalationTrigger,
  action: Exclude<EscalationAction, 'NONE'>,
  now: Date,
  calendar: WorkingDays,
): Change<ApprovalCase> {
  let current = c;
  const facts: Fact[] = [];
  const movedOn: string[] = [];
  const reassigned: string[] = [];
  const stuck: string[] = [];
  const at = now.toISOString();
  for (const id of taskIds) {
    const task = taskOf(current, id);
    if (!task || !isOpen(task)) continue;
    if (action === 'MOVE_ON' && !decides(current, task)) {
      const step = stepOf(current.definition, task.stepId);
      if (!step) continue;
      const done: Task = {
        ...task,
        status: 'DONE',
        completedAt: at,
        completedBy: SYSTEM,
        outcome: 'APPROVE',
        opinion: `逾期未办理，电子监察视为同意并自动推进（${LEVEL_NAMES[trigger]}）`,
        legalBasis: [],
        deemed: true,
      };
      const after = replaceTask(current, done);
      const next = afterCompletion(after, step, done, SYSTEM, now, calendar);
      current = next.case;
      facts.push({ type: 'TASK_COMPLETED', at, task: done, by: SYSTEM }, ...next.facts);
      movedOn.push(id);
      continue;
    }
    const up = CHIEF_ABOVE[task.role];
    if (!up) {
      stuck.push(id);
      continue;
    }
    const moved = reassignTask(current, id, SYSTEM, { to: null, toRole: up, reason: `电子监察自动升级（${LEVEL_NAMES[trigger]}）：转${up === 'section_chief' ? '科室负责人' : '单位负责人'}` }, now, true);
    current = moved.case;
    facts.push(...moved.facts);
    reassigned.push(id);
  }
  const detail = [
    movedOn.length ? `deemed approved and moved on: ${movedOn.length}` : '',
    reassigned.length ? `reassigned up: ${reassigned.length}` : '',
    stuck.length ? `already with the agency head: ${stuck.length}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  facts.push({
    type: 'CASE_ESCALATED',
    at,
    trigger,
    action: movedOn.length > 0 ? 'MOVE_ON' : 'REASSIGN_TO_CHIEF',
    taskIds: [...movedOn, ...reassigned, ...stuck],
    detail: detail || 'no open task to escalate',
  });
  return { case: { ...current, updatedAt: at }, facts };
}

export interface OverviewRow {
  readonly key: string;
  readonly accepted: number;
  readonly closed: number;
  /** Closed on or before the promised deadline, of those closed; null until one is closed. */
  readonly onTimeRate: number | null;
  /** Closed before the promised deadline day. */
  readonly earlyRate: number | null;
  /** Working days used by closed cases, suspensions excluded. */
  readonly averageWorkingDays: number | null;
  /** Open cases past their promised limit. */
  readonly overdueNow: number;
}

export interface Overview {
  readonly totals: OverviewRow;
  readonly byAgency: readonly OverviewRow[];
  readonly byHall: readonly OverviewRow[];
  readonly byItem: readonly OverviewRow[];
}

/**
 * What the supervision metrics need of a case, and nothing more: a few
 * hundred bytes, kept beside the case (a read model) so that the metrics
 * fold these instead of reading every case whole, timeline and all.
 */
export interface SupervisionRow {
  /** The case id. */
  readonly id: string;
  readonly orgUnit: string;
  readonly agency: string;
  readonly hall: string;
  readonly itemCode: string;
  /** The promised limit's countdown: whether an undecided case is overdue depends on the day it is asked. */
  readonly promised: Countdown;
  readonly decision: { readonly onTime: boolean; readonly early: boolean; readonly workingDaysUsed: number } | null;
}

export function supervisionRowOf(c: ApprovalCase): SupervisionRow {
  const d = c.decision;
  return {
    id: c.id,
    orgUnit: c.orgUnit,
    agency: c.agency,
    hall: c.hall,
    itemCode: c.itemCode,
    promised: c.clock.promised,
    decision: d ? { onTime: d.onTime, early: d.early, workingDaysUsed: d.workingDaysUsed } : null,
  };
}

interface Tally {
  accepted: number;
  closed: number;
  onTime: number;
  early: number;
  days: number;
  overdue: number;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/**
 * Supervision metrics per agency, hall and item, from the cases' rows as
 * they stand today, a row at a time: what it keeps grows with the number of
 * agencies, halls and items, never with the number of cases.
 */
export class SupervisionTally {
  readonly #groups = { total: new Map<string, Tally>(), agency: new Map<string, Tally>(), hall: new Map<string, Tally>(), item: new Map<string, Tally>() };

  constructor(
    private readonly now: Date,
    private readonly calendar: WorkingDays,
  ) {}

  add(c: SupervisionRow): void {
    const groups = this.#groups;
    const keys: [Map<string, Tally>, string][] = [
      [groups.total, 'all'],
      [groups.agency, c.agency],
      [groups.hall, c.hall],
      [groups.item, c.itemCode],
    ];
    const overdue = !c.decision && remainingOn(this.calendar, c.promised, chinaDate(this.now)) < 0;
    for (const [map, key] of keys) {
      const t = map.get(key) ?? { accepted: 0, closed: 0, onTime: 0, early: 0, days: 0, overdue: 0 };
      t.accepted += 1;
      if (c.decision) {
        t.closed += 1;
        t.onTime += c.decision.onTime ? 1 : 0;
        t.early += c.decision.early ? 1 : 0;
        t.days += c.decision.workingDaysUsed;
      }
      t.overdue += overdue ? 1 : 0;
      map.set(key, t);
    }
  }

  overview(): Overview {
    const rows = (map: Map<string, Tally>): OverviewRow[] =>
      [...map.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, t]) => ({
          key,
          accepted: t.accepted,
          closed: t.closed,
          onTimeRate: ratio(t.onTime, t.closed),
          earlyRate: ratio(t.early, t.closed),
          averageWorkingDays: t.closed === 0 ? null : Math.round((t.days / t.closed) * 100) / 100,
          overdueNow: t.overdue,
        }));
    const [totals] = rows(this.#groups.total);
    return {
      totals: totals ?? { key: 'all', accepted: 0, closed: 0, onTimeRate: null, earlyRate: null, averageWorkingDays: null, overdueNow: 0 },
      byAgency: rows(this.#groups.agency),
      byHall: rows(this.#groups.hall),
      byItem: rows(this.#groups.item),
    };
  }
}
