import { DomainError } from '@onewindow/kernel/errors';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_NUMBER_FORMAT, formatCaseNumber, parseCaseNumberFormat, sequenceScope } from './case-number.js';

const standard = parseCaseNumberFormat(DEFAULT_CASE_NUMBER_FORMAT);

describe('case numbers', () => {
  it('formats the default OW-{yyyyMMdd}-{seq6}', () => {
    expect(formatCaseNumber(standard, new Date('2026-01-05T02:00:00Z'), 42)).toBe('OW-20260105-000042');
  });

  it('dates numbers in China Standard Time: 23:30 UTC is already the next day', () => {
    expect(formatCaseNumber(standard, new Date('2026-01-04T23:30:00Z'), 1)).toBe('OW-20260105-000001');
  });

  it('lets the sequence grow past its padding rather than wrap', () => {
    expect(formatCaseNumber(parseCaseNumberFormat('{seq2}'), new Date('2026-01-05T02:00:00Z'), 123)).toBe('123');
  });

  it('supports other layouts, e.g. a yearly sequence per hall prefix', () => {
    const yearly = parseCaseNumberFormat('CD/{yyyy}/{MM}{dd}-{seq8}');
    expect(formatCaseNumber(yearly, new Date('2026-03-09T02:00:00Z'), 7)).toBe('CD/2026/0309-00000007');
  });

  it('keeps one sequence per day for a daily format and one per year for a yearly one', () => {
    const day1 = new Date('2026-01-05T02:00:00Z');
    const day2 = new Date('2026-01-06T02:00:00Z');
    expect(sequenceScope(standard, day1)).toBe('OW-20260105-{seq}');
    expect(sequenceScope(standard, day1)).not.toBe(sequenceScope(standard, day2));
    const yearly = parseCaseNumberFormat('Y{yyyy}-{seq8}');
    expect(sequenceScope(yearly, day1)).toBe(sequenceScope(yearly, day2));
  });

  it.each([
    ['OW-{yyyyMMdd}', 'needs exactly one {seqN}'],
    ['{seq3}-{seq3}', 'needs exactly one {seqN}'],
    ['OW-{hh}-{seq6}', 'unknown token {hh}'],
    ['OW {seq6}', 'text outside tokens'],
  ])('refuses the format %s: %s', (pattern, problem) => {
    try {
      parseCaseNumberFormat(pattern);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).details.map((d) => d.message).join('; ')).toContain(problem);
    }
  });
});
