import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { withBearer } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the notifications service. */
export function notificationsRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/cases/:caseId/messages', operationId: 'listCaseMessages', tag: 'notifications',
      auth: 'token', status: 200, summary: 'Messages sent about the case',
      handle: ({ params, token }) =>
        up.notifications.call('listMessages', { caseId: s.param(params, 'caseId') }, withBearer(token)),
    }),
  ];
}
