import type { Principal } from '@onewindow/auth';
import { intakeV1 } from '@onewindow/contracts';
import { createLogger, DomainError, unauthenticated } from '@onewindow/kernel';
import { createRpcClient, startRpcServer, type RpcClient } from '@onewindow/rpc';
import { describe, expect, it, onTestFinished } from 'vitest';
import { applicantFixture, clerkFixture, OTHER_HALL } from '../testing/fixtures.js';
import { testIntake } from '../testing/intake.js';

const logger = createLogger({ service: 'intake-test', level: 'silent' });
const principals: Principal[] = [applicantFixture(), clerkFixture(), clerkFixture({ subject: 'u-clerk-far', hall: OTHER_HALL, token: 'token-far-clerk' })];
const principalFor = (token: string): Principal => {
  const found = principals.find((p) => p.token === token);
  if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
  return found;
};

type IntakeClient = RpcClient<typeof intakeV1.IntakeServiceService>;

async function served(): Promise<IntakeClient> {
  const { rpc } = await testIntake();
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    verifier: { verify: async (token) => principalFor(token) },
    services: [rpc],
  });
  const client = createRpcClient(intakeV1.IntakeServiceClient, `127.0.0.1:${server.port}`, { logger });
  onTestFinished(async () => {
    client.close();
    await server.close(0);
  });
  return client;
}

const submitRequest = (overrides: Partial<intakeV1.SubmitCaseRequest> = {}): intakeV1.SubmitCaseRequest => ({
  itemCode: 'ZRZY-QR-021',
  idempotencyKey: 'idem-1',
  materials: [{ code: 'M01', fileId: 'file-1', licenceId: '' }],
  hall: '',
  form: { propertyUse: 'residential' },
  ...overrides,
});

async function rejection(call: Promise<unknown>): Promise<DomainError> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

describe('intake gRPC', () => {
  it('serves the catalog without a token, with the default fee and no licence type as empty strings', async () => {
    const client = await served();
    const { items } = await client.call('listCatalogItems', { keyword: '登记', agency: '', exerciseLevel: '' });
    expect(items.map((i) => i.code)).toEqual(['SCJG-DJ-001', 'ZRZY-QR-021']);
    const { item } = await client.call('getCatalogItem', { code: 'ZRZY-QR-021' });
    expect(item).toMatchObject({ version: 1, fee: { amountFen: 8000, currency: 'CNY', feeBasis: '发改价格规〔2016〕2559号' } });
    expect(item?.requiredMaterials.map((m) => m.replaceableByLicenceType)).toEqual(['', '', '']);
  });

  it('answers an unknown item with NOT_FOUND / ITEM_NOT_FOUND', async () => {
    const client = await served();
    expect(await rejection(client.call('getCatalogItem', { code: 'NOPE-1' }))).toMatchObject({ kind: 'not_found', code: 'ITEM_NOT_FOUND' });
  });

  it('submits, replays, shows, lists and accepts a case for the right callers', async () => {
    const client = await served();
    const { case: submitted } = await client.call('submitCase', submitRequest(), { token: 'token-applicant' });
    expect(submitted).toMatchObject({
      caseNumber: 'OW-20260105-000001',
      status: 'SUBMITTED',
      applicantName: '张三',
      hall: 'hall-510100-01',
      licenceId: '',
      acceptedAt: '',
      materials: [{ code: 'M01', fileId: 'file-1', licenceId: '' }],
    });
    const caseId = submitted?.id ?? '';

    const { case: replayed } = await client.call('submitCase', submitRequest(), { token: 'token-applicant' });
    expect(replayed?.id).toBe(caseId);

    const { case: seen } = await client.call('getCase', { caseId }, { token: 'token-clerk' });
    expect(seen?.caseNumber).toBe(submitted?.caseNumber);
    const { cases, nextPageToken } = await client.call('listCases', { pageSize: 10, pageToken: '', status: '' }, { token: 'token-applicant' });
    expect(cases.map((c) => c.id)).toEqual([caseId]);
    expect(nextPageToken).toBe('');

    const { case: accepted } = await client.call('acceptCase', { caseId, opinion: '予以受理' }, { token: 'token-clerk' });
    expect(accepted).toMatchObject({ status: 'ACCEPTED', acceptedAt: '2026-01-05T02:00:00.000Z' });
  });

  it('maps refusals to their statuses and codes', async () => {
    const client = await served();
    expect(await rejection(client.call('submitCase', submitRequest()))).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_MISSING' });
    expect(await rejection(client.call('submitCase', submitRequest({ itemCode: 'NOPE-1' }), { token: 'token-applicant' }))).toMatchObject({
      kind: 'invalid',
      code: 'ITEM_UNKNOWN',
    });
    const { case: submitted } = await client.call('submitCase', submitRequest(), { token: 'token-applicant' });
    const caseId = submitted?.id ?? '';
    expect(await rejection(client.call('acceptCase', { caseId, opinion: '' }, { token: 'token-applicant' }))).toMatchObject({ kind: 'forbidden' });
    expect(await rejection(client.call('getCase', { caseId }, { token: 'token-far-clerk' }))).toMatchObject({ kind: 'forbidden' });
    await client.call('acceptCase', { caseId, opinion: '' }, { token: 'token-clerk' });
    expect(await rejection(client.call('acceptCase', { caseId, opinion: '' }, { token: 'token-clerk' }))).toMatchObject({
      kind: 'precondition',
      code: 'CASE_WRONG_STATE',
    });
  });
});
