import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { withBearer } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the fees service. */
export function feesRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/cases/:caseId/bills', operationId: 'listCaseBills', tag: 'fees', auth: 'token',
      status: 200, summary: "The case's bills, amounts in integer fen",
      handle: ({ params, token }) => up.fees.call('listBills', { caseId: s.param(params, 'caseId') }, withBearer(token)),
    }),
  ];
}
