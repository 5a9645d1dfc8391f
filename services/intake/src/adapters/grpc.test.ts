import type { Principal } from '@onewindow/auth';
import { intakeV1 } from '@onewindow/contracts';
import { createLogger, unauthenticated } from '@onewindow/kernel';
import { createRpcClient, startRpcServer, type RpcClient } from '@onewindow/rpc';
import { describe, expect, it, onTestFinished } from 'vitest';
import { adminFixture, applicantFixture, clerkFixture, OTHER_HALL, rejectionOf } from '../testing/fixtures.js';
import { PDF_BYTES, testIntake } from '../testing/intake.js';

const logger = createLogger({ service: 'intake-test', level: 'silent' });
const principals: Principal[] = [applicantFixture(), clerkFixture(), clerkFixture({ subject: 'u-clerk-far', hall: OTHER_HALL, token: 'token-far-clerk' }), adminFixture()];
const principalFor = (token: string): Principal => {
  const found = principals.find((p) => p.token === token);
  if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
  return found;
};

type IntakeClient = RpcClient<typeof intakeV1.IntakeServiceService>;

async function served(): Promise<IntakeClient> {
  const { rpc } = await testIntake();
  const server = await startRpcServer({ host: '127.0.0.1', port: 0, logger, verifier: { verify: async (token) => principalFor(token) }, services: [rpc] });
  const client = createRpcClient(intakeV1.IntakeServiceClient, `127.0.0.1:${server.port}`, { logger });
  onTestFinished(async () => {
    client.close();
    await server.close(0);
  });
  return client;
}

const applicant = { token: 'token-applicant' };
const clerk = { token: 'token-clerk' };

const submitRequest = (overrides: Partial<intakeV1.SubmitCaseRequest> = {}): intakeV1.SubmitCaseRequest => ({
  itemCode: 'ZRZY-QR-021',
  idempotencyKey: 'idem-1',
  materials: [],
  hall: '',
  form: { propertyUse: 'residential' },
  commitments: [],
  draft: false,
  applicant: undefined,
  ...overrides,
});

describe('intake gRPC', () => {
  it('serves the catalog and bundles without a token, every published element included', async () => {
    const client = await served();
    const { items } = await client.call('listCatalogItems', { keyword: '登记', agency: '', exerciseLevel: '' });
    expect(items.map((i) => i.code)).toEqual(['SCJG-DJ-001', 'ZRZY-QR-021']);
    const { item } = await client.call('getCatalogItem', { code: 'ZRZY-QR-021' });
    expect(item).toMatchObject({
      version: 1,
      implementationCode: 'ZRZY-QR-021-510100-00',
      fee: { amountFen: 8000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' },
      feeRules: [{ when: 'residential', amountFen: 8000, per: 'case' }, { when: 'non-residential' }, { when: 'extraCertificate', per: 'certificate' }],
      collectingAgency: '不动产登记中心',
      procedure: ['申请', '受理', '当场办结', '出件'],
    });
    expect(item?.requiredMaterials.map((m) => [m.replaceableByLicenceType, m.commitmentAllowed])).toEqual([
      ['', false],
      ['BUSINESS_LICENCE', false],
      ['', true],
    ]);
    expect(await client.call('listBundles', {})).toEqual({ bundles: [] });
  });

  it('takes a file as bytes and answers with its digests', async () => {
    const client = await served();
    const { file } = await client.call('uploadFile', { content: PDF_BYTES, declaredContentType: 'application/pdf', filename: 'a.pdf' }, applicant);
    expect(file).toMatchObject({ contentType: 'application/pdf', size: PDF_BYTES.length, filename: 'a.pdf' });
    expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await rejectionOf(client.call('uploadFile', { content: Buffer.from('MZ'), declaredContentType: '', filename: '' }, applicant))).toMatchObject({
      kind: 'invalid',
      code: 'FILE_TYPE_UNSUPPORTED',
    });
  });

  it('submits, replays, shows, lists and accepts a case, and serves its receipt as bytes', async () => {
    const client = await served();
    const { case: submitted } = await client.call('submitCase', submitRequest(), applicant);
    expect(submitted).toMatchObject({ caseNumber: 'OW-20260105-000001', status: 'SUBMITTED', applicantName: '张三', noticeDueDate: '2026-01-12', filedBy: { role: 'APPLICANT' } });
    const caseId = submitted?.id ?? '';
    expect((await client.call('submitCase', submitRequest(), applicant)).case?.id).toBe(caseId);
    expect((await client.call('getCase', { caseId }, clerk)).case?.caseNumber).toBe(submitted?.caseNumber);
    const { cases } = await client.call('listCases', { pageSize: 10, pageToken: '', status: '' }, applicant);
    expect(cases.map((c) => c.id)).toEqual([caseId]);

    const { case: accepted } = await client.call('acceptCase', { caseId, opinion: '予以受理', pending: undefined, decision: undefined }, clerk);
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptanceKind: 'STANDARD', documents: [{ kind: 'ACCEPTANCE_RECEIPT', title: '受理回执' }] });
    const document = await client.call('getCaseDocument', { caseId, documentId: accepted?.documents[0]?.id ?? '' }, applicant);
    expect(document).toMatchObject({ contentType: 'application/pdf', title: '受理回执', filename: 'OW-20260105-000001-acceptance_receipt.pdf' });
    expect(JSON.parse(document.content.toString('utf8'))).toMatchObject({ caseNumber: 'OW-20260105-000001' });
  });

  it('sends the one-time notice and takes the supplements', async () => {
    const client = await served();
    const { case: submitted } = await client.call('submitCase', submitRequest({ itemCode: 'SCJG-DJ-001', form: {} }), applicant);
    const caseId = submitted?.id ?? '';
    const deficiencies = ['M01', 'M02'].map((materialCode) => ({ materialCode, problem: 'MISSING', note: '' }));
    const { case: requested } = await client.call('requestSupplement', { caseId, opinion: '', deficiencies: [...deficiencies, { materialCode: 'M03', problem: 'MISSING', note: '' }] }, clerk);
    expect(requested).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequest: { deficiencies: [{ materialCode: 'M01' }, { materialCode: 'M02' }, { materialCode: 'M03' }] } });
    const files = await Promise.all(
      ['M01', 'M02'].map(async (code) => (await client.call('uploadFile', { content: PDF_BYTES, declaredContentType: '', filename: code }, applicant)).file?.id ?? ''),
    );
    const { case: supplemented } = await client.call(
      'addMaterials',
      { caseId, materials: files.map((fileId, i) => ({ code: `M0${i + 1}`, fileId, licenceId: '' })), commitments: [{ materialCode: 'M03', text: '承诺' }] },
      applicant,
    );
    expect(supplemented).toMatchObject({ status: 'SUBMITTED', missingMaterials: [], commitments: [{ materialCode: 'M03', verification: 'PENDING' }] });
  });

  it('maps refusals to their statuses and codes, unknown enum values included', async () => {
    const client = await served();
    expect(await rejectionOf(client.call('submitCase', submitRequest()))).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_MISSING' });
    expect(await rejectionOf(client.call('submitCase', submitRequest({ itemCode: 'NOPE-1' }), applicant))).toMatchObject({ kind: 'invalid', code: 'ITEM_UNKNOWN' });
    const { case: submitted } = await client.call('submitCase', submitRequest(), applicant);
    const caseId = submitted?.id ?? '';
    const accept = { caseId, opinion: '', pending: undefined, decision: undefined };
    expect(await rejectionOf(client.call('acceptCase', accept, applicant))).toMatchObject({ kind: 'forbidden' });
    expect(await rejectionOf(client.call('getCase', { caseId }, { token: 'token-far-clerk' }))).toMatchObject({ kind: 'forbidden' });
    expect(await rejectionOf(client.call('requestSupplement', { caseId, opinion: '', deficiencies: [{ materialCode: 'M01', problem: 'LOST', note: '' }] }, clerk))).toMatchObject({
      kind: 'invalid',
      code: 'REQUEST_INVALID',
    });
    await client.call('acceptCase', accept, clerk);
    expect(await rejectionOf(client.call('acceptCase', accept, clerk))).toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
  });

  it('flags credit for an administrator only', async () => {
    const client = await served();
    const { record } = await client.call('setCreditFlag', { applicantId: 'party:abc', flagged: true, reason: '失信' }, { token: 'token-admin' });
    expect(record).toMatchObject({ applicantId: 'party:abc', flagged: true, history: [{ flagged: true, reason: '失信' }] });
    expect(await rejectionOf(client.call('getCreditRecord', { applicantId: 'party:abc' }, clerk))).toMatchObject({ kind: 'forbidden' });
  });
});
