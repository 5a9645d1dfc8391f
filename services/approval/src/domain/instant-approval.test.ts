import { describe, expect, it } from 'vitest';
import { checkInstantApproval, evaluateInstantApproval, type CaseFacts, type InstantRule } from './instant-approval.js';

const facts: CaseFacts = {
  itemCode: 'GJJ-GG-007',
  caseKind: 'PROMISED',
  orgUnit: '510107',
  hall: 'hall-510107-01',
  agency: '住房公积金管理中心',
  feeAmountFen: null,
  promisedLimitDays: 3,
  statutoryLimitDays: 15,
};
const rule = (r: Partial<InstantRule>): InstantRule => ({ id: 'r', description: 'd', fact: 'caseKind', op: 'EQ', values: ['PROMISED'], ...r });
const verdict = (r: Partial<InstantRule>, f: Partial<CaseFacts> = {}) =>
  evaluateInstantApproval({ rules: [rule(r)], opinion: 'ok', legalBasis: ['x'] }, { ...facts, ...f }).approved;

describe('instant approval rules (秒批)', () => {
  it.each([
    [{ op: 'EQ', values: ['PROMISED'] }, true],
    [{ op: 'NE', values: ['JOINT'] }, true],
    [{ op: 'IN', values: ['IMMEDIATE', 'PROMISED'] }, true],
    [{ op: 'IN', values: ['JOINT'] }, false],
    [{ fact: 'orgUnit', op: 'PREFIX', values: ['51'] }, true],
    [{ fact: 'orgUnit', op: 'PREFIX', values: ['44'] }, false],
    [{ fact: 'feeAmountFen', op: 'IS_NULL', values: [] }, true],
    [{ fact: 'feeAmountFen', op: 'NOT_NULL', values: [] }, false],
    [{ fact: 'promisedLimitDays', op: 'LTE', values: ['3'] }, true],
    [{ fact: 'promisedLimitDays', op: 'GTE', values: ['5'] }, false],
  ] as const)('%o holds: %s', (r, expected) => {
    expect(verdict(r)).toBe(expected);
  });

  it('needs every rule to hold, and names each result', () => {
    const result = evaluateInstantApproval(
      { rules: [rule({ id: 'a' }), rule({ id: 'b', fact: 'feeAmountFen', op: 'IS_NULL', values: [] })], opinion: 'ok', legalBasis: ['x'] },
      { ...facts, feeAmountFen: 8000 },
    );
    expect(result).toEqual({
      approved: false,
      results: [
        { ruleId: 'a', description: 'd', passed: true },
        { ruleId: 'b', description: 'd', passed: false },
      ],
    });
  });

  it('refuses a rule set that would approve everything, a numeric test on text, and a missing legal basis', () => {
    const problems: { field?: string; message: string }[] = [];
    checkInstantApproval({ rules: [], opinion: 'ok', legalBasis: [] }, problems);
    checkInstantApproval({ rules: [{ id: 'x', description: 'd', fact: 'orgUnit', op: 'LTE', values: ['5'] }], opinion: 'ok', legalBasis: ['b'] }, problems);
    expect(problems.map((p) => p.field)).toEqual(['instantApproval.rules', 'instantApproval.legalBasis', 'instantApproval.rules[0]']);
  });
});
