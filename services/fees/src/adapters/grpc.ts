import { feesV1 } from '@onewindow/contracts';
import { unauthenticated } from '@onewindow/kernel';
import { bindService, type CallContext } from '@onewindow/rpc';
import type { ListBills } from '../app/list-bills.js';
import type { Bill } from '../domain/bill.js';

const caller = (ctx: CallContext) => {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
};

const toMessage = (bill: Bill): feesV1.Bill => ({
  id: bill.id,
  caseId: bill.caseId,
  caseNumber: bill.caseNumber,
  itemCode: bill.itemCode,
  amountFen: bill.amount.fen,
  currency: bill.amount.currency,
  paymentCode: bill.paymentCode,
  status: bill.status,
  issuedAt: bill.issuedAt,
});

export function feesGrpc(useCases: { listBills: ListBills }) {
  return bindService(feesV1.FeesServiceService, {
    listBills: async (req: feesV1.ListBillsRequest, ctx: CallContext) => ({
      bills: (await useCases.listBills.execute(caller(ctx), req.caseId)).map(toMessage),
    }),
  });
}
