import { routingV1 } from '@onewindow/contracts';
import { unauthenticated } from '@onewindow/kernel';
import { bindService, type CallContext } from '@onewindow/rpc';
import type { ListPartners } from '../app/list-partners.js';

const caller = (ctx: CallContext) => {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
};

export function routingGrpc(useCases: { listPartners: ListPartners }) {
  return bindService(routingV1.RoutingServiceService, {
    listPartners: async (_req: routingV1.ListPartnersRequest, ctx: CallContext) => ({
      partners: (await useCases.listPartners.execute(caller(ctx))).map((p) => ({ ...p })),
    }),
  });
}
