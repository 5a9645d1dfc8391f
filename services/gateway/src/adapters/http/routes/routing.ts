import type { Upstreams } from '../../../app/upstreams.js';
import { withBearer } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the routing service. */
export function routingRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/partners', operationId: 'listPartners', tag: 'routing', auth: 'token',
      status: 200, summary: 'Partner platforms cases are exchanged with (跨省通办)',
      handle: ({ token }) => up.routing.call('listPartners', {}, withBearer(token)),
    }),
  ];
}
