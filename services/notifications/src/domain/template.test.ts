import { describe, expect, it } from 'vitest';
import { fill, MASK, pickLocale, placeholdersIn, render, renderMasked, type Template } from './template.js';

const template: Template = {
  placeholders: ['caseNumber', 'decision'],
  texts: {
    'zh-CN': { title: '审批结果：{decision}', body: '办件 {caseNumber}：{decision}。' },
    en: { title: 'Decision: {decision}', body: 'Case {caseNumber}: {decision}.' },
  },
};
const values = { caseNumber: 'SC-1', decision: { 'zh-CN': '准予办理', en: 'approved' } };

describe('render', () => {
  it('fills a Chinese text, taking the Chinese form of a per-language value', () => {
    expect(render(template, 'zh-CN', values)).toEqual({ title: '审批结果：准予办理', body: '办件 SC-1：准予办理。' });
  });

  it('fills the English text with the English form', () => {
    expect(render(template, 'en', values)).toEqual({ title: 'Decision: approved', body: 'Case SC-1: approved.' });
  });

  it('leaves braces inside a value as written instead of filling them again', () => {
    const text = render(template, 'en', { ...values, caseNumber: '{decision}' });
    expect(text.body).toBe('Case {decision}: approved.');
  });
});

describe('renderMasked', () => {
  it('masks the secrets in both languages and fills the rest', () => {
    expect(renderMasked({ ...template, secrets: ['caseNumber'] }, values)).toEqual({
      'zh-CN': { title: '审批结果：准予办理', body: `办件 ${MASK}：准予办理。` },
      en: { title: 'Decision: approved', body: `Case ${MASK}: approved.` },
    });
  });

  it('gives nothing for a template without secrets', () => {
    expect(renderMasked(template, values)).toBeNull();
  });
});

describe('fill', () => {
  it('refuses a placeholder the template does not declare, naming it', () => {
    const attempt = () => fill('Dear {applicantName}, case {caseNumber}', ['caseNumber'], { caseNumber: 'SC-1', applicantName: 'x' }, 'en');
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_UNKNOWN_PLACEHOLDER', details: [{ field: 'applicantName', message: 'no such placeholder or no value for it' }] }),
    );
  });

  it('refuses a declared placeholder that was given no value', () => {
    expect(() => fill('case {caseNumber}', ['caseNumber'], {}, 'en')).toThrow(/\{caseNumber\}/);
  });

  it('refuses malformed placeholders such as {} or { caseNumber }', () => {
    expect(() => fill('x {} y', ['caseNumber'], { caseNumber: '1' }, 'en')).toThrow(/unknown placeholder/);
    expect(() => fill('x { caseNumber } y', ['caseNumber'], { caseNumber: '1' }, 'en')).toThrow(/unknown placeholder/);
  });
});

describe('placeholdersIn', () => {
  it('lists every placeholder in order', () => {
    expect(placeholdersIn('{a} and {b}, {a}')).toEqual(['a', 'b', 'a']);
  });
});

describe('pickLocale', () => {
  it('gives English to a reader who asks for it first', () => {
    expect(pickLocale('en-GB,en;q=0.9,zh;q=0.5')).toBe('en');
  });

  it('gives Simplified Chinese otherwise', () => {
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr')).toBe('zh-CN');
  });
});
