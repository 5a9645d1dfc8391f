import { describe, expect, it } from 'vitest';
import { apply, calendar, defaultFor, openedCase } from '../testing/fixtures.js';
import { actor } from './actor.js';
import { claimTask } from './tasks.js';
import { firstBrokenEntry, GENESIS_HASH } from './timeline.js';
import { completeTask } from './workflow.js';

const at = (iso: string) => new Date(iso);
const zhao = actor({ subject: 'u-zhao', username: 'zhao' });

function walked() {
  const c = openedCase(defaultFor());
  const claimed = apply(claimTask(c, `${c.id}:review`, zhao, at('2026-03-11T03:00:00Z')));
  return apply(completeTask(claimed, `${c.id}:review`, zhao, { outcome: 'APPROVE', opinion: '同意', legalBasis: ['《食品安全法》'] }, at('2026-03-12T02:00:00Z'), calendar));
}

describe('the audit trail: who, what, when, hash-chained', () => {
  it('records every step with its actor and time, chained from the genesis hash', () => {
    const c = walked();
    expect(c.timeline.map((e) => [e.seq, e.type, e.actor, e.at])).toEqual([
      [1, 'CASE_OPENED', 'system', '2026-03-11T02:00:05.000Z'],
      [2, 'TASK_CREATED', 'system', '2026-03-11T02:00:05.000Z'],
      [3, 'TASK_CLAIMED', 'zhao', '2026-03-11T03:00:00.000Z'],
      [4, 'TASK_COMPLETED', 'zhao', '2026-03-12T02:00:00.000Z'],
      [5, 'CASE_DECIDED', 'zhao', '2026-03-12T02:00:00.000Z'],
    ]);
    expect(c.timeline[0]?.prevHash).toBe(GENESIS_HASH);
    expect(c.timeline[1]?.prevHash).toBe(c.timeline[0]?.hash);
    expect(firstBrokenEntry(c.timeline)).toBeNull();
  });

  it('detects an edited or removed entry', () => {
    const c = walked();
    const edited = c.timeline.map((e) => (e.seq === 4 ? { ...e, detail: { ...e.detail, outcome: 'REJECT' } } : e));
    expect(firstBrokenEntry(edited)).toBe(4);
    expect(firstBrokenEntry(c.timeline.filter((e) => e.seq !== 2))).toBe(3);
  });
});
