// Composition root of the fees service: the only place that reads the environment.
import { systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { storeBillRepository } from './adapters/bill-repository.js';
import { billingConsumer } from './adapters/case-events.js';
import { feesGrpc } from './adapters/grpc.js';
import { randomPaymentCodes } from './adapters/payment-codes.js';
import { IssueBill } from './app/issue-bill.js';
import { ListBills } from './app/list-bills.js';

const config = parseServiceConfig('fees', process.env, {});
const rt = await openRuntime(config);
const bills = storeBillRepository(rt.store);

await serve(rt, {
  rpc: [feesGrpc({ listBills: new ListBills(bills) })],
  consumers: [billingConsumer(new IssueBill(bills, randomPaymentCodes(), systemClock))],
});
