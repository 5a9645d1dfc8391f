// Intake end to end: catalog, files, applications and every window decision,
// through the gateway's REST API, every service its own process.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api, eventually } from './client.js';

type Json = Record<string, unknown>;
type Case = Json & { id: string; status: string; caseNumber: string; documents: { id: string; kind: string }[] };

const MIB = 1024 * 1024;
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-intake-'));
/** Intake takes files up to 1 MiB, the gateway reads bodies up to 2 MiB: both limits are exercised. */
const base = { ...process.env, LOG_LEVEL: 'info', DEADLINE_SWEEP_INTERVAL_MS: '300', MAX_FILE_BYTES: String(MIB), UPLOAD_LIMIT_BYTES: String(2 * MIB) };

let platform: RunningPlatform;
let api: Api;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startPlatform({ dataDir, portOffset: 6000, base });
  api = new Api(platform.gatewayUrl);
  for (const user of ['applicant-demo', 'clerk-demo', 'approver-demo', 'admin-demo']) tokens[user] = await api.token(user);
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const applicant = () => tokens['applicant-demo'];
const clerk = () => tokens['clerk-demo'];
const admin = () => tokens['admin-demo'];

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

async function upload(token: string | undefined, content: Buffer, contentType: string) {
  const answer = await fetch(`${platform.gatewayUrl}/api/v1/files?filename=scan.pdf`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: content,
  });
  return { status: answer.status, body: (await answer.json()) as Json };
}

async function material(token: string | undefined, code: string) {
  const { status, body } = await upload(token, PDF, 'application/pdf');
  expect(status).toBe(201);
  return { code, fileId: body['id'] as string };
}

async function pdfOf(caseId: string, documentId: string) {
  const answer = await fetch(`${platform.gatewayUrl}/api/v1/cases/${caseId}/documents/${documentId}`, { headers: { authorization: `Bearer ${applicant()}` } });
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('application/pdf');
  const bytes = Buffer.from(await answer.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  return PDFDocument.load(bytes, { updateMetadata: false });
}

const submit = (token: string | undefined, body: Json, headers: Record<string, string> = {}) => api.call<Case>('POST', '/api/v1/cases', { token, body, headers });
const getCase = async (caseId: string) => (await api.call<Case>('GET', `/api/v1/cases/${caseId}`, { token: applicant() })).body;
const post = (path: string, token: string | undefined, body: unknown) => api.call<Case>('POST', path, { token, body });
const myCaseCount = async () => ((await api.call<{ cases: Json[] }>('GET', '/api/v1/cases?pageSize=100', { token: applicant() })).body.cases ?? []).length;
const everyMissing = (codes: string[]) => codes.map((materialCode) => ({ materialCode, problem: 'MISSING' }));

describe('intake through REST', () => {
  it('documents every intake operation in the OpenAPI document, the upload and the PDFs as bytes', async () => {
    const doc = (await api.call<{ paths: Record<string, Record<string, Json>> }>('GET', '/openapi.json')).body;
    for (const path of [
      '/api/v1/catalog/items',
      '/api/v1/catalog/items/{code}',
      '/api/v1/catalog/bundles',
      '/api/v1/files',
      '/api/v1/cases',
      '/api/v1/cases/{caseId}',
      '/api/v1/cases/{caseId}/accept',
      '/api/v1/cases/{caseId}/reject',
      '/api/v1/cases/{caseId}/supplement-requests',
      '/api/v1/cases/{caseId}/materials',
      '/api/v1/cases/{caseId}/documents/{documentId}',
      '/api/v1/cases/{caseId}/submit',
      '/api/v1/cases/{caseId}/pre-review-requests',
      '/api/v1/cases/{caseId}/pre-review',
      '/api/v1/bundle-applications',
      '/api/v1/credit-records/{applicantId}/flag',
    ])
      expect(doc.paths).toHaveProperty([path]);
    expect(doc.paths['/api/v1/files']?.['post']).toMatchObject({ requestBody: { content: { 'application/pdf': { schema: { format: 'binary' } } } }, responses: { '413': {} } });
    expect(doc.paths['/api/v1/cases/{caseId}/documents/{documentId}']?.['get']).toMatchObject({ responses: { '200': { content: { 'application/pdf': {} } } } });
  });

  it('publishes the catalog without a token: the five disclosures, search, versions and the bundles', async () => {
    const found = await api.call<{ items: Json[] }>('GET', `/api/v1/catalog/items?keyword=${encodeURIComponent('食品')}&exerciseLevel=COUNTY`);
    expect(found.body.items.map((i) => i['code'])).toEqual(['SCJG-XK-014']);
    const byAgency = await api.call<{ items: Json[] }>('GET', `/api/v1/catalog/items?agency=${encodeURIComponent('公安局')}`);
    expect(byAgency.body.items.map((i) => i['code']).sort()).toEqual(['GA-BA-012', 'GA-QR-001', 'GA-QR-031']);
    const item = (await api.call('GET', '/api/v1/catalog/items/ZRZY-QR-021')).body;
    expect(item).toMatchObject({ version: 1, implementationCode: 'ZRZY-QR-021-510100-00', statutoryLimitDays: 30, promisedLimitDays: 5, fee: { amountFen: 8000 } });
    for (const field of ['legalBasis', 'procedure', 'acceptanceConditions', 'feeRules', 'requiredMaterials']) expect((item[field] as unknown[]).length).toBeGreaterThan(0);
    expect((await api.call('GET', '/api/v1/catalog/items/NOPE-1')).status).toBe(404);
    const bundles = (await api.call<{ bundles: Json[] }>('GET', '/api/v1/catalog/bundles')).body.bundles;
    expect(bundles.map((b) => [b['code'], (b['members'] as unknown[]).length])).toEqual([
      ['BUNDLE-COMPANY-OPENING', 6],
      ['BUNDLE-NEWBORN', 5],
    ]);
  });

  it('takes a PDF upload, hashed; refuses mislabelled, unsupported, JSON and oversized bodies, at the gateway and at intake', async () => {
    const ok = await upload(applicant(), PDF, 'application/pdf');
    expect(ok).toMatchObject({ status: 201, body: { contentType: 'application/pdf', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') } });
    expect(ok.body['sm3']).toBe(createHash('sm3').update(PDF).digest('hex'));
    expect(await upload(applicant(), PNG, 'application/pdf')).toMatchObject({ status: 400, body: { code: 'FILE_TYPE_MISMATCH' } });
    expect(await upload(applicant(), Buffer.from('MZ\x90\x00binary'), 'image/png')).toMatchObject({ status: 400, body: { code: 'FILE_TYPE_UNSUPPORTED' } });
    expect(await upload(applicant(), Buffer.from('{"a":1}'), 'application/json')).toMatchObject({ status: 400, body: { code: 'MEDIA_TYPE_UNSUPPORTED' } });
    expect(await upload(applicant(), Buffer.from('hello'), 'text/plain')).toMatchObject({ status: 400, body: { code: 'MEDIA_TYPE_UNSUPPORTED' } });
    const tooLargeForIntake = Buffer.concat([PDF, Buffer.alloc(1.5 * MIB)]);
    expect(await upload(applicant(), tooLargeForIntake, 'application/pdf')).toMatchObject({ status: 413, body: { code: 'FILE_TOO_LARGE' } });
    const tooLargeForGateway = Buffer.concat([PDF, Buffer.alloc(3 * MIB)]);
    expect(await upload(applicant(), tooLargeForGateway, 'application/pdf')).toMatchObject({ status: 413, body: { code: 'FILE_TOO_LARGE' } });
    expect((await upload(undefined, PDF, 'application/pdf')).status).toBe(401);
  });

  it('refuses bad submissions with a clear 4xx and files nothing', async () => {
    const before = await myCaseCount();
    const theirs = await material(clerk(), 'M01');
    const refusals: [Json, number, string][] = [
      [{ itemCode: 'NOPE-404' }, 400, 'ITEM_UNKNOWN'],
      [{ materials: [] }, 400, 'REQUEST_INVALID'],
      [{ itemCode: { $gt: '' } }, 400, 'REQUEST_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', materials: [{ code: 'M01', fileId: { $ne: null } }] }, 400, 'REQUEST_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', form: { $where: 'sleep(1000)' } }, 400, 'REQUEST_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', form: { name: { $gt: '' } } }, 400, 'REQUEST_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', surprise: true }, 400, 'REQUEST_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', materials: [{ code: 'M01', fileId: 'file-1' }] }, 400, 'MATERIAL_REF_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', materials: [theirs] }, 400, 'MATERIAL_REF_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', materials: [{ code: 'M99', fileId: theirs.fileId }] }, 400, 'CASE_INVALID'],
      [{ itemCode: 'SCJG-DJ-001', commitments: [{ materialCode: 'M01', text: '承诺' }] }, 400, 'CASE_INVALID'],
      [{ itemCode: 'ZRZY-QR-021', form: { propertyUse: 'castle' } }, 400, 'FORM_INVALID'],
    ];
    for (const [body, status, code] of refusals) {
      const answer = await submit(applicant(), body);
      expect([answer.status, answer.body['code']], JSON.stringify(body)).toEqual([status, code]);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await submit(undefined, { itemCode: 'SCJG-DJ-001' })).status).toBe(401);
    expect(await myCaseCount()).toBe(before);
  });

  it('sends one one-time notice listing everything missing, takes the supplements, then accepts with a dated receipt', async () => {
    const m01 = await material(applicant(), 'M01');
    const c = (await submit(applicant(), { itemCode: 'SCJG-DJ-001', materials: [m01] }, { 'idempotency-key': 'e2e-intake-notice-1' })).body;
    expect(c).toMatchObject({ status: 'SUBMITTED', missingMaterials: ['M02', 'M03', 'M04', 'M05'], noticeDueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    const incomplete = await post(`/api/v1/cases/${c.id}/supplement-requests`, clerk(), { deficiencies: everyMissing(['M02', 'M03']) });
    expect(incomplete).toMatchObject({ status: 400, body: { code: 'NOTICE_INCOMPLETE' } });
    expect(await post(`/api/v1/cases/${c.id}/supplement-requests`, applicant(), { deficiencies: everyMissing(['M02', 'M03', 'M04', 'M05']) })).toMatchObject({ status: 403 });
    expect((await getCase(c.id)).status).toBe('SUBMITTED');

    const deficiencies = [{ materialCode: 'M01', problem: 'DEFICIENT', note: '申请书缺少全体股东签字' }, ...everyMissing(['M02', 'M03', 'M04', 'M05'])];
    const notice = await post(`/api/v1/cases/${c.id}/supplement-requests`, clerk(), { deficiencies, opinion: '请一次性补齐补正' });
    expect(notice).toMatchObject({ status: 201, body: { status: 'SUPPLEMENT_REQUESTED', documents: [{ kind: 'ONE_TIME_NOTICE' }] } });
    const pdf = await pdfOf(c.id, notice.body.documents[0]?.id ?? '');
    expect(pdf.getTitle()).toBe('一次性告知书');
    expect(pdf.getSubject()).toBe(`${c.caseNumber} 一次性告知书`);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getCreationDate()?.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));

    const again = await post(`/api/v1/cases/${c.id}/supplement-requests`, clerk(), { deficiencies });
    expect(again).toMatchObject({ status: 409, body: { code: 'CASE_WRONG_STATE' } });
    expect(await post(`/api/v1/cases/${c.id}/accept`, clerk(), {})).toMatchObject({ status: 409, body: { code: 'CASE_WRONG_STATE' } });
    expect(await post(`/api/v1/cases/${c.id}/materials`, applicant(), { materials: [{ code: 'M01', fileId: { $gt: '' } }] })).toMatchObject({ status: 400 });

    const supplied = await post(`/api/v1/cases/${c.id}/materials`, applicant(), {
      materials: await Promise.all(['M01', 'M02', 'M03', 'M04'].map((code) => material(applicant(), code))),
      commitments: [{ materialCode: 'M05', text: '本人承诺住所真实、合法，并对承诺的真实性负责' }],
    });
    expect(supplied).toMatchObject({ status: 200, body: { status: 'SUBMITTED', missingMaterials: [], commitments: [{ materialCode: 'M05', verification: 'PENDING' }] } });

    const accepted = await post(`/api/v1/cases/${c.id}/accept`, clerk(), { opinion: '补正齐全，予以受理' });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'ACCEPTED', acceptanceKind: 'STANDARD' } });
    const receipt = accepted.body.documents.find((d) => d.kind === 'ACCEPTANCE_RECEIPT');
    expect((await pdfOf(c.id, receipt?.id ?? '')).getTitle()).toBe('受理回执');
    expect(await post(`/api/v1/cases/${c.id}/accept`, clerk(), {})).toMatchObject({ status: 409, body: { code: 'CASE_WRONG_STATE' } });
    const missing = await fetch(`${platform.gatewayUrl}/api/v1/cases/${c.id}/documents/no-such-document`, { headers: { authorization: `Bearer ${applicant()}` } });
    expect(missing.status).toBe(404);
  });

  it('refuses to accept with the reason and legal basis in a dated notice, once', async () => {
    const c = (await submit(applicant(), { itemCode: 'GA-QR-031' })).body;
    expect(await post(`/api/v1/cases/${c.id}/reject`, clerk(), { reason: '不属于本机关职权范围' })).toMatchObject({ status: 400, body: { code: 'REQUEST_INVALID' } });
    expect(await post(`/api/v1/cases/${c.id}/reject`, clerk(), { reason: { $ne: '' }, legalBasis: ['x'] })).toMatchObject({ status: 400 });
    const rejected = await post(`/api/v1/cases/${c.id}/reject`, clerk(), {
      reason: '申请事项依法不属于本机关职权范围，请向户籍所在地公安机关申请',
      legalBasis: ['《中华人民共和国行政许可法》第三十二条第一款第（二）项'],
    });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'NOT_ACCEPTED', documents: [{ kind: 'NON_ACCEPTANCE_NOTICE' }] } });
    expect((await pdfOf(c.id, rejected.body.documents[0]?.id ?? '')).getTitle()).toBe('不予受理通知书');
    expect(await post(`/api/v1/cases/${c.id}/reject`, clerk(), { reason: '再次', legalBasis: ['x'] })).toMatchObject({ status: 409 });
    expect(await post(`/api/v1/cases/${c.id}/accept`, clerk(), {})).toMatchObject({ status: 409 });
    expect((await getCase(c.id)).status).toBe('NOT_ACCEPTED');
  });

  it('keeps a draft, pre-reviews it online before the applicant travels, then takes it', async () => {
    const draft = (await submit(applicant(), { itemCode: 'JY-XK-002', draft: true })).body;
    expect(draft).toMatchObject({ status: 'DRAFT', submittedAt: '' });
    expect((await post(`/api/v1/cases/${draft.id}/pre-review-requests`, applicant(), {})).body.status).toBe('PRE_REVIEW');
    const returned = await post(`/api/v1/cases/${draft.id}/pre-review`, clerk(), { result: 'RETURNED', opinion: '材料不全', deficiencies: everyMissing(['M01', 'M02', 'M03', 'M04', 'M05']) });
    expect(returned).toMatchObject({ status: 200, body: { status: 'DRAFT', preReview: { result: 'RETURNED' } } });
    expect(await post(`/api/v1/cases/${draft.id}/pre-review`, clerk(), { result: 'PASSED' })).toMatchObject({ status: 409, body: { code: 'CASE_WRONG_STATE' } });
    const materials = await Promise.all(['M01', 'M02', 'M03', 'M04', 'M05'].map((code) => material(applicant(), code)));
    expect((await post(`/api/v1/cases/${draft.id}/materials`, applicant(), { materials })).body.missingMaterials).toEqual([]);
    const submitted = await post(`/api/v1/cases/${draft.id}/submit`, applicant(), {});
    expect(submitted).toMatchObject({ status: 200, body: { status: 'SUBMITTED', noticeDueDate: expect.any(String) } });
    expect(await post(`/api/v1/cases/${draft.id}/submit`, applicant(), {})).toMatchObject({ status: 409 });
  });

  it('lets a clerk file for a walk-in and an agent for a company (帮办代办), recording both', async () => {
    const walkIn = { kind: 'NATURAL_PERSON', name: '王小明', idNumber: '510704199409022331' };
    const atWindow = await submit(clerk(), { itemCode: 'GJJ-GG-007', applicant: walkIn });
    expect(atWindow).toMatchObject({ status: 201, body: { channel: 'WINDOW', applicantName: '王小明', applicantIdNumberMasked: '510704********2331', filedBy: { role: 'CLERK', username: 'clerk-demo' } } });
    expect(JSON.stringify(atWindow.body)).not.toContain('510704199409022331');
    expect(await submit(clerk(), { itemCode: 'GJJ-GG-007' })).toMatchObject({ status: 400, body: { code: 'APPLICANT_REQUIRED' } });
    expect(await submit(clerk(), { itemCode: 'GJJ-GG-007', applicant: { ...walkIn, idNumber: '510704199409022332' } })).toMatchObject({ status: 400, body: { code: 'APPLICANT_INVALID' } });
    expect(await submit(clerk(), { itemCode: 'GJJ-GG-007', hall: 'hall-510104-01', applicant: walkIn })).toMatchObject({ status: 403 });

    const forCompany = await submit(applicant(), { itemCode: 'SCJG-XK-014', applicant: { kind: 'LEGAL_ENTITY', name: '成都示例餐饮有限公司', idNumber: '91350100M000100Y43' } });
    expect(forCompany).toMatchObject({ status: 201, body: { applicantKind: 'LEGAL_ENTITY', filedBy: { role: 'AGENT' }, channel: 'ONLINE' } });
    const mine = (await api.call<{ cases: Json[] }>('GET', '/api/v1/cases?pageSize=100', { token: applicant() })).body.cases.map((c) => c['id']);
    expect(mine).toContain(forCompany.body.id);
    expect(mine).not.toContain(atWindow.body.id);
  });

  it("takes a licence from the applicant's library instead of a copy (免证办), checked by the certificate service", async () => {
    const c = (await submit(applicant(), { itemCode: 'SCJG-DJ-001' })).body;
    await post(`/api/v1/cases/${c.id}/accept`, clerk(), { opinion: '材料齐全' });
    const task = await eventually(async () => {
      const inbox = await api.call<{ tasks: Json[] }>('GET', '/api/v1/tasks', { token: tokens['approver-demo'] });
      return inbox.body.tasks?.find((t) => t['caseId'] === c.id);
    }, 'the approval task');
    await api.call('POST', `/api/v1/tasks/${task['id'] as string}/complete`, {
      token: tokens['approver-demo'],
      body: { outcome: 'APPROVE', opinion: '同意', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'] },
    });
    const licenceId = await eventually(async () => ((await getCase(c.id))['licenceId'] as string) || undefined, 'the business licence');

    const reused = await submit(applicant(), { itemCode: 'SCJG-XK-014', materials: [{ code: 'M02', licenceId }] });
    expect(reused).toMatchObject({ status: 201, body: { materials: [{ code: 'M02', licenceId }] } });
    expect((reused.body['missingMaterials'] as string[]).includes('M02')).toBe(false);
    expect(await submit(applicant(), { itemCode: 'SCJG-XK-014', materials: [{ code: 'M02', licenceId: '1.2.156.3005.2.NOSUCHLICENCE.1' }] })).toMatchObject({
      status: 400,
      body: { code: 'MATERIAL_REF_INVALID' },
    });
    expect(await submit(applicant(), { itemCode: 'SCJG-XK-014', materials: [{ code: 'M05', licenceId }] })).toMatchObject({ status: 400, body: { code: 'MATERIAL_REF_INVALID' } });
    const forWalkIn = await submit(clerk(), {
      itemCode: 'SCJG-XK-014',
      applicant: { kind: 'NATURAL_PERSON', name: '王小明', idNumber: '510704199409022331' },
      materials: [{ code: 'M02', licenceId }],
    });
    expect(forWalkIn).toMatchObject({ status: 400, body: { code: 'MATERIAL_REF_INVALID' } });
  });

  it('decides an immediate item at the window in the same visit (即办件)', async () => {
    const c = (await submit(applicant(), { itemCode: 'GA-BA-012' })).body;
    const decided = await post(`/api/v1/cases/${c.id}/accept`, clerk(), { decision: { decision: 'APPROVED', opinion: '符合备案条件，当场办结' } });
    expect(decided).toMatchObject({ status: 200, body: { status: 'ACCEPTED', windowDecision: { decision: 'APPROVED', legalBasis: [expect.stringContaining('国发〔1999〕25号')] } } });
    const promised = (await submit(applicant(), { itemCode: 'GJJ-GG-007' })).body;
    expect(await post(`/api/v1/cases/${promised.id}/accept`, clerk(), { decision: { decision: 'APPROVED', opinion: '同意' } })).toMatchObject({
      status: 409,
      body: { code: 'NOT_AN_IMMEDIATE_ITEM' },
    });
  });

  it('fans a bundle application out to one case per item (一件事一次办)', async () => {
    const answer = await api.call<Json & { members: Json[] }>('POST', '/api/v1/bundle-applications', {
      token: applicant(),
      headers: { 'idempotency-key': 'e2e-bundle-opening-1' },
      body: { bundleCode: 'BUNDLE-COMPANY-OPENING', form: { companyName: '成都示例科技有限公司' } },
    });
    expect(answer.status).toBe(201);
    expect(answer.body['status']).toBe('IN_PROGRESS');
    expect(answer.body.members.map((m) => m['itemCode'])).toEqual(['SCJG-DJ-001', 'GA-BA-012', 'SW-QT-005', 'RS-QR-008', 'GJJ-BA-003', 'YH-GG-001']);
    const read = await api.call('GET', `/api/v1/bundle-applications/${answer.body['id'] as string}`, { token: applicant() });
    expect(read.body['members']).toEqual(answer.body.members);
    expect((await api.call('POST', '/api/v1/bundle-applications', { token: applicant(), body: { bundleCode: 'BUNDLE-NOPE' } })).status).toBe(400);
  });

  describe('the law acting by itself, driven by intake’s clock', () => {
    let unanswered: Case;
    let pending: Case;

    it('refuses acceptance with pending materials to an applicant an administrator flagged, and offers it again once cleared', async () => {
      unanswered = (await submit(applicant(), { itemCode: 'ZRZY-QR-021' })).body;
      pending = (await submit(applicant(), { itemCode: 'SCJG-DJ-001', materials: [await material(applicant(), 'M01')] })).body;
      const applicantId = pending['applicantId'] as string;
      expect(await post(`/api/v1/credit-records/${applicantId}/flag`, clerk(), { reason: '承诺未履行' })).toMatchObject({ status: 403 });
      expect(await post(`/api/v1/credit-records/${applicantId}/flag`, admin(), { reason: { $gt: '' } })).toMatchObject({ status: 400 });
      expect(await post(`/api/v1/credit-records/${applicantId}/flag`, admin(), { reason: '告知承诺不实' })).toMatchObject({ status: 200, body: { flagged: true } });
      const withPending = {
        opinion: '容缺受理',
        pending: { materialCodes: ['M05'], commitment: { text: '本人承诺1个工作日内补齐住所使用证明', signedBy: '张三' }, deadlineWorkingDays: 1 },
      };
      expect(await post(`/api/v1/cases/${pending.id}/accept`, clerk(), withPending)).toMatchObject({ status: 409, body: { code: 'CREDIT_FLAGGED' } });
      expect((await getCase(pending.id)).status).toBe('SUBMITTED');
      await post(`/api/v1/credit-records/${applicantId}/unflag`, admin(), { reason: '信用修复' });
      const accepted = await post(`/api/v1/cases/${pending.id}/accept`, clerk(), withPending);
      expect(accepted).toMatchObject({ status: 200, body: { acceptanceKind: 'WITH_PENDING', pending: { materialCodes: ['M05'] } } });
    });

    it('counts an unanswered case as accepted from the day of receipt and terminates a case whose pending materials never came', async () => {
      // Intake restarts 30 days ahead (development only: refused under production, see below).
      platform.env['intake']!['DEV_CLOCK_OFFSET_HOURS'] = String(30 * 24);
      await platform.restart('intake');
      const deemed = await eventually(async () => {
        const c = await getCase(unanswered.id);
        return c.status === 'ACCEPTED' ? c : undefined;
      }, 'the deemed acceptance');
      expect(deemed).toMatchObject({ acceptanceKind: 'DEEMED', acceptedAt: unanswered['submittedAt'], acceptedBy: 'system:intake' });
      expect((await pdfOf(unanswered.id, deemed.documents[0]?.id ?? '')).getTitle()).toBe('受理回执');
      const terminated = await eventually(async () => {
        const c = await getCase(pending.id);
        return c.status === 'TERMINATED' ? c : undefined;
      }, 'the termination');
      expect(terminated).toMatchObject({ outcome: 'TERMINATED' });
      expect(await post(`/api/v1/cases/${pending.id}/materials`, applicant(), { materials: [await material(applicant(), 'M05')] })).toMatchObject({ status: 409 });
    });

    it('refuses to start with a clock offset under production', () => {
      const env = { ...platform.env['intake'], ONEWINDOW_ENV: 'production', DEV_CLOCK_OFFSET_HOURS: '1', GRPC_PORT: '0', OPS_PORT: '0' };
      const run = spawnSync(process.execPath, [join(ROOT, 'services/intake/dist/main.js')], { env, encoding: 'utf8', timeout: 30_000 });
      expect(run.status).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('DEV_CLOCK_OFFSET_HOURS');
    });
  });
});
