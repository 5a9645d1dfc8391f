import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/fixtures.js';
import { parseParty } from './party.js';

describe('the applicant of record', () => {
  it('takes a natural person with a valid resident ID, and keeps it only masked in view', () => {
    const party = parseParty({ kind: 'NATURAL_PERSON', name: ' 张三 ', idNumber: '510116197505171410' }, '2026-01-05');
    expect(party).toEqual({ kind: 'NATURAL_PERSON', name: '张三', idNumber: '510116197505171410', idNumberMasked: '510116********1410' });
  });

  it('takes a company with a valid unified social credit code, upper-cased', () => {
    expect(parseParty({ kind: 'LEGAL_ENTITY', name: '成都示例科技有限公司', idNumber: '91350100m000100y43' }, '2026-01-05')).toMatchObject({ idNumber: '91350100M000100Y43' });
  });

  it('refuses a wrong check digit, an ID of the wrong kind and an empty name', () => {
    const bad = errorOf(() => parseParty({ kind: 'NATURAL_PERSON', name: '', idNumber: '371300200102102644' }, '2026-01-05'));
    expect(bad).toMatchObject({ kind: 'invalid', code: 'APPLICANT_INVALID' });
    expect(bad.details.map((d) => d.field)).toEqual(['applicant.name', 'applicant.idNumber']);
    expect(errorOf(() => parseParty({ kind: 'LEGAL_ENTITY', name: '某公司', idNumber: '510116197505171410' }, '2026-01-05')).code).toBe('APPLICANT_INVALID');
  });
});
