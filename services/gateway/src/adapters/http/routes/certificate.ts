import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { orNotFound, withBearer } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the certificate service. */
export function certificateRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/licences/:licenceId', operationId: 'getLicence', tag: 'licences', auth: 'token',
      status: 200, summary: 'A signed electronic licence (电子证照)',
      handle: async ({ params, token }) =>
        orNotFound((await up.certificate.call('getLicence', { licenceId: s.param(params, 'licenceId') }, withBearer(token))).licence, 'licence'),
    }),
    route({
      method: 'get', path: '/api/v1/licences/:licenceId/verify', operationId: 'verifyLicence', tag: 'licences',
      auth: 'public', status: 200, summary: "Anyone can check a licence's signature and status",
      handle: ({ params }) => up.certificate.call('verifyLicence', { licenceId: s.param(params, 'licenceId') }),
    }),
  ];
}
