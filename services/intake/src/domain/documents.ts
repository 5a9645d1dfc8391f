import type { Case, CaseDocument, DocumentKind } from './case.js';
import { chinaDate } from './deadlines.js';
import { materialOf, type ServiceItem } from './service-item.js';

/**
 * The text of the dated documents a window decision produces, in Chinese:
 * 受理回执 (acceptance receipt), 不予受理通知书 (non-acceptance notice with
 * reason and legal basis, and the applicant's remedies) and 一次性告知书
 * (one-time notice listing every missing or deficient material). Layout is
 * the renderer's business; what the document says is decided here.
 */
export interface DocumentSection {
  readonly heading: string | null;
  readonly lines: readonly string[];
}

export interface DocumentContent {
  readonly kind: DocumentKind;
  readonly title: string;
  /** PDF subject: the case number and the title, so a file found alone still says what it is. */
  readonly subject: string;
  readonly caseNumber: string;
  readonly issuedAt: string;
  readonly sections: readonly DocumentSection[];
  /** The issuing agency and the date, at the foot (where the seal goes). */
  readonly issuer: string;
  readonly dateText: string;
}

export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, string>> = {
  ACCEPTANCE_RECEIPT: '受理回执',
  NON_ACCEPTANCE_NOTICE: '不予受理通知书',
  ONE_TIME_NOTICE: '一次性告知书',
};

const REMEDIES = '如不服本决定，可以自收到本通知书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。';
const ACCEPTANCE_KINDS = { STANDARD: '正常受理', WITH_PENDING: '容缺受理', DEEMED: '依法视为受理' } as const;
const DECISIONS = { APPROVED: '准予许可', REJECTED: '不予许可' } as const;

/** 2026-01-05 → 2026年1月5日. */
export function chineseDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The China date of an instant, written the Chinese way. */
export const chineseDate = (instant: string) => chineseDay(chinaDate(instant));

const days = (n: number) => `${n}个工作日`;

function header(c: Case, item: ServiceItem): DocumentSection {
  const id = c.applicantIdNumberMasked ? `（证件号码 ${c.applicantIdNumberMasked}）` : '';
  return {
    heading: null,
    lines: [
      `办件编号：${c.caseNumber}`,
      `申请人：${c.applicantName}${id}`,
      `申请事项：${item.name}（${item.code}）`,
      `实施机关：${item.implementingAgency}`,
      `收件日期：${c.submittedAt ? chineseDate(c.submittedAt) : ''}`,
    ],
  };
}

function materialName(item: ServiceItem, code: string): string {
  return `${materialOf(item, code)?.name ?? code}（${code}）`;
}

function receivedMaterials(c: Case, item: ServiceItem): string[] {
  const lines: string[] = [];
  for (const m of c.materials) lines.push(`${materialName(item, m.code)}：${m.licenceId ? '电子证照（免证办）' : '电子文件'}`);
  for (const m of c.commitments) lines.push(`${materialName(item, m.materialCode)}：告知承诺（${m.signedBy}签署，待核查）`);
  for (const code of c.paperMaterials) lines.push(`${materialName(item, code)}：纸质材料（窗口收取）`);
  return lines.length ? lines : ['（无）'];
}

function receipt(c: Case, item: ServiceItem): DocumentSection[] {
  const sections: DocumentSection[] = [
    header(c, item),
    {
      heading: null,
      lines: [
        `受理日期：${c.acceptedAt ? chineseDate(c.acceptedAt) : ''}`,
        `受理方式：${ACCEPTANCE_KINDS[c.acceptanceKind ?? 'STANDARD']}`,
        `承诺办结时限：${days(item.promisedLimitDays)}（法定办结时限：${days(item.statutoryLimitDays)}）`,
      ],
    },
    { heading: '已收材料', lines: receivedMaterials(c, item) },
  ];
  if (c.pending) {
    sections.push({
      heading: '容缺材料',
      lines: [
        ...c.pending.materialCodes.map((code) => materialName(item, code)),
        `请于${chineseDay(c.pending.dueDate)}（含当日）前补齐；逾期未补齐的，终止办理。`,
        `申请人承诺：${c.pending.commitment.text}（${c.pending.commitment.signedBy}签署）`,
      ],
    });
  }
  if (c.windowDecision) {
    sections.push({ heading: '当场办结', lines: [`决定：${DECISIONS[c.windowDecision.decision]}`, `意见：${c.windowDecision.opinion}`] });
  }
  if (c.acceptanceOpinion) sections.push({ heading: '受理意见', lines: [c.acceptanceOpinion] });
  sections.push({ heading: null, lines: [`请凭办件编号 ${c.caseNumber} 查询办理进度。`] });
  return sections;
}

function nonAcceptance(c: Case, item: ServiceItem): DocumentSection[] {
  const rejection = c.rejection;
  return [
    header(c, item),
    { heading: '不予受理理由', lines: [rejection?.reason ?? ''] },
    { heading: '法律依据', lines: rejection?.legalBasis ?? [] },
    { heading: null, lines: ['根据上述规定，本机关决定对你（单位）的申请不予受理。', REMEDIES] },
  ];
}

function oneTimeNotice(c: Case, item: ServiceItem): DocumentSection[] {
  const request = c.supplementRequest;
  const lines = (request?.deficiencies ?? []).map((d, i) => {
    const what = d.problem === 'MISSING' ? '未提交' : '需补正';
    return `${i + 1}. ${materialName(item, d.materialCode)}：${what}${d.note ? `，${d.note}` : ''}`;
  });
  const sections: DocumentSection[] = [
    header(c, item),
    { heading: '经审查，你（单位）提交的申请材料不齐全或者不符合法定形式，现一次性告知需要补齐补正的全部材料如下', lines },
  ];
  if (request?.opinion) sections.push({ heading: '说明', lines: [request.opinion] });
  sections.push({ heading: null, lines: ['请按照本告知书的要求提交全部补正材料；补齐补正后，本机关依法予以受理。'] });
  return sections;
}

const BUILDERS: Readonly<Record<DocumentKind, (c: Case, item: ServiceItem) => DocumentSection[]>> = {
  ACCEPTANCE_RECEIPT: receipt,
  NON_ACCEPTANCE_NOTICE: nonAcceptance,
  ONE_TIME_NOTICE: oneTimeNotice,
};

/** What a case's document says, from the case as the transition that issued it left it. */
export function documentContent(c: Case, item: ServiceItem, document: CaseDocument): DocumentContent {
  const title = DOCUMENT_TITLES[document.kind];
  return {
    kind: document.kind,
    title,
    subject: `${c.caseNumber} ${title}`,
    caseNumber: c.caseNumber,
    issuedAt: document.issuedAt,
    sections: BUILDERS[document.kind](c, item),
    issuer: item.implementingAgency,
    dateText: chineseDate(document.issuedAt),
  };
}
