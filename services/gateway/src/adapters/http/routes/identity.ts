import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { as } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the identity service. */
export function identityRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/me', operationId: 'getMe', tag: 'identity', auth: 'token', status: 200,
      summary: "The caller's identity and permissions",
      handle: ({ token }) => up.identity.call('getMe', {}, as(token)),
    }),
    route({
      method: 'post', path: '/api/v1/identifiers/validate', operationId: 'validateIdentifier', tag: 'identity',
      auth: 'public', status: 200, body: s.validateIdentifier,
      summary: 'Checks a resident ID (GB 11643) or unified social credit code (GB 32100)',
      handle: ({ body }) => up.identity.call('validateIdentifier', body),
    }),
  ];
}
