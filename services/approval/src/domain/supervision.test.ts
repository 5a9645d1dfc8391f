import { describe, expect, it } from 'vitest';
import { apply, calendar, defaultFor, jointDefinition, openedCase, serialDefinition, SUPERVISION } from '../testing/fixtures.js';
import { actor } from './actor.js';
import type { ApprovalCase } from './case.js';
import { suspendCase } from './clock.js';
import type { SupervisionDefaults } from './supervision.js';
import { SupervisionTally, evaluateClock, supervisionRowOf } from './supervision.js';
import { completeTask } from './workflow.js';

const at = (iso: string) => new Date(iso);
const zhao = actor({ subject: 'u-zhao', username: 'zhao' });
/** Runs supervision on each day (10:00 in China) in turn, returning the case and the warning levels raised per day. */
function runDays(c: ApprovalCase, days: string[], defaults: SupervisionDefaults = SUPERVISION) {
  const raised: Record<string, string[]> = {};
  let current = c;
  for (const day of days) {
    const change = evaluateClock(current, at(`${day}T02:00:00Z`), calendar, defaults);
    current = apply(change);
    raised[day] = change.facts.flatMap((f) => (f.type === 'WARNING_RAISED' ? [f.warning.level] : []));
  }
  return { case: current, raised };
}

describe('the warning ladder (电子监察), from the clock', () => {
  // Accepted Wed 2026-03-11: promised 5 working days (Wed 03-18), statutory 20 (Thu 04-09).
  it('raises the early warning at 80% of the promised limit, yellow once it has passed, red once the statutory limit has, each once', () => {
    const { case: c, raised } = runDays(openedCase(defaultFor()), ['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-04-09', '2026-04-10', '2026-04-13']);
    expect(raised).toEqual({
      '2026-03-16': [],
      '2026-03-17': ['EARLY'],
      '2026-03-18': [],
      '2026-03-19': ['YELLOW'],
      '2026-03-20': [],
      '2026-04-09': [],
      '2026-04-10': ['RED'],
      '2026-04-13': [],
    });
    expect(c.warnings.map((w) => [w.level, w.deadline, w.remainingWorkingDays])).toEqual([
      ['EARLY', '2026-03-18', 1],
      ['YELLOW', '2026-03-18', -1],
      ['RED', '2026-04-09', -1],
    ]);
  });

  it('names the handler and the org unit and agency so the chief and the supervisor are told', () => {
    const change = evaluateClock(openedCase(defaultFor()), at('2026-03-17T02:00:00Z'), calendar, SUPERVISION);
    expect(change.facts).toContainEqual(
      expect.objectContaining({ type: 'WARNING_RAISED', handlers: ['role:approver@510100/市场监督管理局'], orgUnit: '510100', agency: '市场监督管理局' }),
    );
  });

  it('raises every level it skipped, in order, when it first looks late', () => {
    const { raised } = runDays(openedCase(defaultFor()), ['2026-04-10']);
    expect(raised['2026-04-10']).toEqual(['EARLY', 'YELLOW', 'RED']);
  });

  it('follows the configured share for the early warning', () => {
    const { raised } = runDays(openedCase(defaultFor()), ['2026-03-12', '2026-03-13'], { ...SUPERVISION, earlyWarningPercent: 40 });
    expect(raised).toEqual({ '2026-03-12': [], '2026-03-13': ['EARLY'] });
  });

  it('says nothing while the clock is suspended', () => {
    const suspended = apply(suspendCase(openedCase(defaultFor()), zhao, { kind: 'TESTING', reason: '检验检测', expectedDays: 0 }, at('2026-03-12T02:00:00Z'), calendar));
    expect(runDays(suspended, ['2026-03-19', '2026-04-20']).raised).toEqual({ '2026-03-19': [], '2026-04-20': [] });
  });

  it('raises a step’s own overdue warning (serial review limited to 3 working days: due Mon 03-16)', () => {
    const { case: c, raised } = runDays(openedCase(serialDefinition()), ['2026-03-16', '2026-03-17']);
    expect(raised).toEqual({ '2026-03-16': [], '2026-03-17': ['EARLY', 'STEP_OVERDUE'] });
    expect(c.warnings.find((w) => w.level === 'STEP_OVERDUE')?.taskId).toBe(`${c.id}:review`);
  });
});

describe('auto-escalation on breach, never silent', () => {
  it('reassigns to the section chief on red by default, announcing it', () => {
    const change = evaluateClock(openedCase(defaultFor()), at('2026-04-10T02:00:00Z'), calendar, SUPERVISION);
    const c = apply(change);
    expect(c.tasks[0]).toMatchObject({ role: 'section_chief', status: 'OPEN', assignee: null });
    expect(change.facts.map((f) => f.type)).toEqual(['WARNING_RAISED', 'WARNING_RAISED', 'WARNING_RAISED', 'TASK_REASSIGNED', 'CASE_ESCALATED']);
    expect(change.facts.at(-1)).toMatchObject({ trigger: 'RED', action: 'REASSIGN_TO_CHIEF', taskIds: [`${c.id}:review`] });
  });

  it('moves a stalled non-deciding step on (deemed consent) when configured, and never deems a decision', () => {
    const moveOn: SupervisionDefaults = { earlyWarningPercent: 80, escalation: { trigger: 'STEP_OVERDUE', action: 'MOVE_ON' } };
    const { case: c } = runDays(openedCase(serialDefinition()), ['2026-03-17'], moveOn);
    expect(c.tasks.find((t) => t.stepId === 'review')).toMatchObject({ status: 'DONE', deemed: true, completedBy: { subject: 'system' } });
    expect(c.tasks.find((t) => t.stepId === 'decide')).toMatchObject({ status: 'OPEN', role: 'section_chief' });
    // The decide step (limit 2 from Tue 03-17: due Thu 03-19) is overdue Fri 03-20: it goes up to the agency head, not approved.
    const later = runDays(c, ['2026-03-20'], moveOn).case;
    expect(later.tasks.find((t) => t.stepId === 'decide')).toMatchObject({ status: 'OPEN', role: 'agency_head' });
    expect(later.decision).toBeNull();
  });

  it('deems a silent participant of a joint review to agree, then opens the lead’s task', () => {
    const moveOn: SupervisionDefaults = { earlyWarningPercent: 80, escalation: { trigger: 'STEP_OVERDUE', action: 'MOVE_ON' } };
    const c = openedCase(jointDefinition(), { itemCode: 'ZJ-XK-003', orgUnit: '510107', caseKind: 'JOINT' });
    const planning = apply(completeTask(c, `${c.id}:joint.planning`, zhao, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] }, at('2026-03-12T02:00:00Z'), calendar));
    const after = runDays(planning, ['2026-03-16'], moveOn).case;
    expect(after.tasks.find((t) => t.partyKey === 'fire')).toMatchObject({ status: 'DONE', deemed: true, outcome: 'APPROVE' });
    expect(after.tasks.find((t) => t.kind === 'LEAD')).toMatchObject({ status: 'OPEN', agency: '住房和城乡建设局' });
  });
});

describe('supervision metrics', () => {
  it('counts accepted, closed, on-time and early rates, average working days and overdue cases per agency, hall and item', () => {
    const early = apply(completeTask(openedCase(defaultFor()), '0198c2a0-0000-7000-8000-000000000001:review', zhao, { outcome: 'APPROVE', opinion: '同意', legalBasis: [] }, at('2026-03-12T02:00:00Z'), calendar));
    const lateOpened = openedCase(defaultFor(), { caseId: 'case-2', hall: 'hall-510100-02' });
    const late = apply(completeTask(lateOpened, 'case-2:review', zhao, { outcome: 'REJECT', opinion: '不符合条件', legalBasis: [] }, at('2026-03-20T02:00:00Z'), calendar));
    const overdue = openedCase(defaultFor('JT-XK-011'), { caseId: 'case-3', agency: '交通运输局' });
    const tally = new SupervisionTally(at('2026-03-23T02:00:00Z'), calendar);
    for (const c of [early, late, overdue]) tally.add(supervisionRowOf(c));
    const o = tally.overview();
    expect(o.totals).toEqual({ key: 'all', accepted: 3, closed: 2, onTimeRate: 0.5, earlyRate: 0.5, averageWorkingDays: 4, overdueNow: 1 });
    expect(o.byAgency.map((r) => [r.key, r.accepted, r.closed, r.overdueNow])).toEqual([
      ['交通运输局', 1, 0, 1],
      ['市场监督管理局', 2, 2, 0],
    ]);
    expect(o.byHall.map((r) => r.key)).toEqual(['hall-510100-01', 'hall-510100-02']);
    expect(o.byItem.find((r) => r.key === 'JT-XK-011')).toMatchObject({ onTimeRate: null, averageWorkingDays: null });
  });
});
