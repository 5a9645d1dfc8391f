import { describe, expect, it } from 'vitest';
import { apply, defaultFor, openedCase } from '../testing/fixtures.js';
import { actor } from './actor.js';
import { claimTask, reassignTask } from './tasks.js';

const at = (iso: string) => new Date(iso);
const zhao = actor({ subject: 'u-zhao', username: 'zhao' });
const qian = actor({ subject: 'u-qian', username: 'qian' });
const zhou = actor({ subject: 'u-zhou', username: 'zhou' });

describe('claiming and reassigning tasks', () => {
  it('claims once; claiming one’s own task again changes nothing; another’s is refused', () => {
    const c = openedCase(defaultFor());
    const id = `${c.id}:review`;
    const claimed = apply(claimTask(c, id, zhao, at('2026-03-11T03:00:00Z')));
    expect(claimed.tasks[0]).toMatchObject({ status: 'CLAIMED', assignee: 'u-zhao', assigneeName: 'zhao', claimedBy: zhao });
    expect(claimTask(claimed, id, zhao, at('2026-03-11T04:00:00Z')).facts).toEqual([]);
    expect(() => claimTask(claimed, id, qian, at('2026-03-11T04:00:00Z'))).toThrow(expect.objectContaining({ code: 'TASK_ALREADY_CLAIMED' }));
  });

  it('lets a stand-in claim in the name of the person they stand in for', () => {
    const c = openedCase(defaultFor());
    const qianForZhao = actor({ subject: 'u-qian', username: 'qian' }, { subject: 'u-zhao', username: 'zhao' });
    const claimed = apply(claimTask(c, `${c.id}:review`, qianForZhao, at('2026-03-11T03:00:00Z')));
    expect(claimed.tasks[0]).toMatchObject({ assignee: 'u-zhao', assigneeName: 'zhao', claimedBy: qianForZhao });
    expect(claimed.timeline.at(-1)).toMatchObject({ actor: 'qian for zhao' });
  });

  it('reassigns to a named colleague or to another role’s pool, always with a reason', () => {
    const c = apply(claimTask(openedCase(defaultFor()), '0198c2a0-0000-7000-8000-000000000001:review', zhao, at('2026-03-11T03:00:00Z')));
    const id = `${c.id}:review`;
    const toQian = apply(reassignTask(c, id, zhou, { to: { subject: 'u-qian', username: 'qian' }, toRole: null, reason: '赵某休假' }, at('2026-03-12T01:00:00Z')));
    expect(toQian.tasks[0]).toMatchObject({ status: 'CLAIMED', assignee: 'u-qian', assigneeName: 'qian', role: 'approver' });
    const toChiefs = apply(reassignTask(c, id, zhou, { to: null, toRole: 'section_chief', reason: '疑难件，转科长' }, at('2026-03-12T01:00:00Z')));
    expect(toChiefs.tasks[0]).toMatchObject({ status: 'OPEN', assignee: null, role: 'section_chief' });
    expect(toChiefs.timeline.at(-1)).toMatchObject({ type: 'TASK_REASSIGNED', actor: 'zhou', detail: { fromAssignee: 'zhao', toRole: 'section_chief', reason: '疑难件，转科长' } });
    expect(() => reassignTask(c, id, zhou, { to: null, toRole: null, reason: '' }, at('2026-03-12T01:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'TASK_REASSIGNMENT_INVALID' }),
    );
  });
});
