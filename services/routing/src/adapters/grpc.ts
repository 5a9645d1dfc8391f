import { routingV1 } from '@onewindow/contracts';
import { bindService, callerOf } from '@onewindow/rpc';
import type { ListPartners } from '../app/list-partners.js';

export function routingGrpc(useCases: { listPartners: ListPartners }) {
  return bindService(routingV1.RoutingServiceService, {
    listPartners: async (_req, ctx) => ({
      partners: (await useCases.listPartners.execute(callerOf(ctx))).map((p) => ({ ...p })),
    }),
  });
}
