import { feesV1 } from '@onewindow/contracts';
import { createLogger, ManualClock } from '@onewindow/kernel';
import { createRpcClient, startRpcServer, type RpcServer } from '@onewindow/rpc';
import type { Store } from '@onewindow/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IssueBill } from '../app/issue-bill.js';
import { ListBills } from '../app/list-bills.js';
import { isValidPaymentCode } from '../domain/payment-code.js';
import { CASE_ID, fakeVerifier, feeNotice, tempStore } from '../testing/fixtures.js';
import { storeBillRepository } from './bill-repository.js';
import { feesGrpc } from './grpc.js';
import { randomPaymentCodes } from './payment-codes.js';

let store: Store;
let closeStore: () => Promise<void>;
let server: RpcServer;
let client: ReturnType<typeof createRpcClient<typeof feesV1.FeesServiceService>>;

beforeEach(async () => {
  ({ store, close: closeStore } = tempStore());
  const bills = storeBillRepository(store);
  await new IssueBill(bills, randomPaymentCodes(), new ManualClock('2026-03-02T02:00:00.000Z')).execute(feeNotice());
  server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'fees-test', level: 'silent' }),
    verifier: fakeVerifier,
    services: [feesGrpc({ listBills: new ListBills(bills) })],
  });
  client = createRpcClient(feesV1.FeesServiceClient, `127.0.0.1:${server.port}`);
});

afterEach(async () => {
  client.close();
  await server.close(100);
  await closeStore();
});

describe('FeesService over gRPC', () => {
  it("lists the applicant's bills with the amount in integer fen", async () => {
    const { bills } = await client.call('listBills', { caseId: CASE_ID }, { token: 'applicant' });

    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({
      caseId: CASE_ID,
      caseNumber: 'SC510100-2026-000001',
      itemCode: 'ZRZY-QR-021',
      amountFen: 8000,
      currency: 'CNY',
      status: 'ISSUED',
      issuedAt: '2026-03-02T02:00:00.000Z',
    });
    expect(isValidPaymentCode(bills[0]?.paymentCode ?? '')).toBe(true);
  });

  it('refuses a call without a token', async () => {
    await expect(client.call('listBills', { caseId: CASE_ID })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  it("refuses another applicant the case's bills", async () => {
    await expect(client.call('listBills', { caseId: CASE_ID }, { token: 'otherApplicant' })).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'FORBIDDEN',
    });
  });

  it('reports a missing case id as invalid', async () => {
    await expect(client.call('listBills', { caseId: '' }, { token: 'applicant' })).rejects.toMatchObject({
      kind: 'invalid',
      code: 'CASE_ID_INVALID',
    });
  });
});
