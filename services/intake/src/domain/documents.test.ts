import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, caseFixture, itemFixture } from '../testing/fixtures.js';
import type { CaseDocument } from './case.js';
import { chineseDate, documentContent } from './documents.js';

const item = itemFixture();
const doc = (kind: CaseDocument['kind']): CaseDocument => ({ id: 'doc-1', kind, issuedAt: '2026-01-05T03:00:00.000Z', sha256: null, size: 0 });
const lines = (content: ReturnType<typeof documentContent>) => content.sections.flatMap((s) => [s.heading ?? '', ...s.lines]);

describe('case documents', () => {
  it('dates documents in China, the Chinese way', () => {
    expect(chineseDate('2026-01-05T17:00:00.000Z')).toBe('2026年1月6日');
  });

  it('writes the acceptance receipt: number, applicant, dates, limits and every material with how it came', () => {
    const c = acceptedCaseFixture({
      materials: [
        { code: 'M01', fileId: 'f-1', licenceId: null },
        { code: 'M02', fileId: null, licenceId: '1.2.156.3005.2.X' },
      ],
      commitments: [{ materialCode: 'M03', text: '承诺', signedBy: '张三', signedAt: '2026-01-05T02:00:00.000Z', verification: 'PENDING' }],
      applicantIdNumberMasked: '510116********1410',
    });
    const content = documentContent(c, item, doc('ACCEPTANCE_RECEIPT'));
    expect(content).toMatchObject({ title: '受理回执', subject: 'OW-20260105-000001 受理回执', caseNumber: 'OW-20260105-000001', issuer: '市场监督管理局', dateText: '2026年1月5日' });
    expect(lines(content)).toEqual(
      expect.arrayContaining([
        '办件编号：OW-20260105-000001',
        '申请人：张三（证件号码 510116********1410）',
        '申请事项：企业设立登记（SCJG-DJ-001）',
        '收件日期：2026年1月5日',
        '受理日期：2026年1月5日',
        '受理方式：正常受理',
        '承诺办结时限：0.5个工作日（法定办结时限：3个工作日）',
        '材料M01（M01）：电子文件',
        '材料M02（M02）：电子证照（免证办）',
        '材料M03（M03）：告知承诺（张三签署，待核查）',
      ]),
    );
  });

  it('names the pending materials, their due date and the consequence on a receipt of 容缺受理', () => {
    const c = acceptedCaseFixture({
      acceptanceKind: 'WITH_PENDING',
      paperMaterials: ['M02'],
      pending: { materialCodes: ['M03'], commitment: { text: '五日内补齐', signedBy: '张三', fileId: null }, deadlineWorkingDays: 5, dueDate: '2026-01-12', supplied: [], suppliedAt: null },
    });
    const text = lines(documentContent(c, item, doc('ACCEPTANCE_RECEIPT')));
    expect(text).toEqual(
      expect.arrayContaining([
        '受理方式：容缺受理',
        '材料M02（M02）：纸质材料（窗口收取）',
        '容缺材料',
        '材料M03（M03）',
        '请于2026年1月12日（含当日）前补齐；逾期未补齐的，终止办理。',
        '申请人承诺：五日内补齐（张三签署）',
      ]),
    );
  });

  it('writes the non-acceptance notice with the reason, the legal basis and the remedies', () => {
    const c = caseFixture({
      status: 'NOT_ACCEPTED',
      rejection: { reason: '不属于本机关职权范围', legalBasis: ['《中华人民共和国行政许可法》第三十二条'], rejectedBy: 'u-clerk-li', rejectedAt: '2026-01-05T03:00:00.000Z' },
    });
    const content = documentContent(c, item, doc('NON_ACCEPTANCE_NOTICE'));
    expect(content.title).toBe('不予受理通知书');
    const text = lines(content);
    expect(text).toEqual(expect.arrayContaining(['不予受理理由', '不属于本机关职权范围', '法律依据', '《中华人民共和国行政许可法》第三十二条']));
    expect(text.join('')).toContain('六十日内依法申请行政复议');
  });

  it('lists every missing and deficient material on the one-time notice, numbered', () => {
    const c = caseFixture({
      status: 'SUPPLEMENT_REQUESTED',
      supplementRequest: {
        deficiencies: [
          { materialCode: 'M01', problem: 'DEFICIENT', note: '申请书未签字' },
          { materialCode: 'M02', problem: 'MISSING', note: '' },
          { materialCode: 'M03', problem: 'MISSING', note: '' },
        ],
        opinion: '请一次性补齐',
        requestedBy: 'u-clerk-li',
        requestedAt: '2026-01-05T03:00:00.000Z',
        supplied: [],
        supplementedAt: null,
      },
    });
    const content = documentContent(c, item, doc('ONE_TIME_NOTICE'));
    expect(content.title).toBe('一次性告知书');
    expect(lines(content)).toEqual(expect.arrayContaining(['1. 材料M01（M01）：需补正，申请书未签字', '2. 材料M02（M02）：未提交', '3. 材料M03（M03）：未提交', '请一次性补齐']));
  });
});
