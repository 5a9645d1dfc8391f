import { describe, expect, it } from 'vitest';
import { draftFixture, stepDraft } from '../testing/fixtures.js';
import { defaultDefinition, validateDefinition, type WorkflowDraft } from './definition.js';

const meta = { version: 1, definedBy: 'admin', definedAt: '2026-03-01T00:00:00.000Z' };
const problems = (draft: WorkflowDraft): string[] => {
  try {
    validateDefinition(draft, meta);
  } catch (err) {
    expect(err).toMatchObject({ code: 'WORKFLOW_INVALID', kind: 'invalid' });
    return (err as { details: { field: string; message: string }[] }).details.map((d) => `${d.field}: ${d.message}`);
  }
  throw new Error('expected the definition to be refused');
};

describe('workflow definitions, validated when saved', () => {
  it('accepts serial review → decide and keeps the version it is saved as', () => {
    const d = validateDefinition(draftFixture(), meta);
    expect(d.version).toBe(1);
    expect(d.steps.map((s) => [s.id, s.role, s.onApprove])).toEqual([
      ['review', 'approver', 'decide'],
      ['decide', 'section_chief', 'APPROVED'],
    ]);
  });

  it('refuses a step without a role', () => {
    expect(problems(draftFixture({ steps: [stepDraft({ id: 'review', role: '' })] }))).toEqual([
      'steps[0].role: every step has a role: one of approver, section_chief, agency_head',
    ]);
  });

  it('refuses a step nobody can reach', () => {
    const steps = [stepDraft({ id: 'review' }), stepDraft({ id: 'orphan' })];
    expect(problems(draftFixture({ steps }))).toEqual(['steps: step "orphan" cannot be reached from the start']);
  });

  it('refuses a workflow that can never refuse, or never approve', () => {
    expect(problems(draftFixture({ steps: [stepDraft({ id: 'review', onReject: 'APPROVED' })] }))).toEqual(['steps: no path reaches REJECTED']);
    expect(problems(draftFixture({ steps: [stepDraft({ id: 'review', onApprove: 'REJECTED' })] }))).toEqual(['steps: no path reaches APPROVED']);
  });

  it('refuses a cycle (sending back is a return, not an edge)', () => {
    const steps = [stepDraft({ id: 'review', onApprove: 'decide' }), stepDraft({ id: 'decide', onReject: 'review' })];
    expect(problems(draftFixture({ steps }))).toEqual(['steps: the steps form a cycle: review → decide → review']);
  });

  it('refuses unknown targets, kinds and levels, naming each', () => {
    const steps = [stepDraft({ id: 'review', kind: 'LOOP', level: 'STREET', onApprove: 'nowhere' })];
    expect(problems(draftFixture({ steps }))).toEqual([
      'steps[0].level: one of CASE, CITY, PROVINCE',
      'steps[0].kind: one of TASK, JOINT, FAN_OUT',
      'steps[0].onApprove: "nowhere" is neither a step nor APPROVED or REJECTED',
    ]);
  });

  it('refuses a joint review whose lead also participates, or without participants', () => {
    const joint = stepDraft({
      id: 'review',
      kind: 'JOINT',
      lead: { key: 'lead', agency: '住房和城乡建设局' },
      participants: [{ key: 'housing', agency: '住房和城乡建设局' }],
    });
    expect(problems(draftFixture({ steps: [joint] }))).toEqual(['steps[0].lead: the lead agency combines the opinions; it is not also a participant']);
    expect(problems(draftFixture({ steps: [{ ...joint, participants: [] }] }))).toEqual(['steps[0].participants: 1 to 20 entries']);
  });

  it('refuses half an escalation policy', () => {
    expect(problems(draftFixture({ escalationTrigger: 'RED' }))).toEqual(['escalation: give both the trigger and the action, or neither']);
  });

  it('gives items without a definition one review by an approver of the case’s org unit', () => {
    expect(defaultDefinition('SCJG-DJ-001')).toMatchObject({
      version: 0,
      start: 'review',
      steps: [{ id: 'review', role: 'approver', level: 'CASE', onApprove: 'APPROVED', onReject: 'REJECTED' }],
    });
  });
});
