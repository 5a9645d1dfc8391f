import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { found, as } from './support.js';
import { route, type Route } from '../route.js';

/** REST operations served by the intake service. */
export function intakeRoutes(up: Upstreams): Route[] {
  return [
    route({
      method: 'get', path: '/api/v1/catalog/items', operationId: 'listCatalogItems', tag: 'catalog', auth: 'public',
      status: 200, summary: 'The published catalog of service items (五公开)',
      query: {
        keyword: { description: 'matches the item name, English name or code' },
        agency: { description: 'implementing agency' },
        exerciseLevel: { description: 'NATIONAL, PROVINCE, CITY, COUNTY, TOWNSHIP or VILLAGE' },
      },
      handle: async ({ query }) =>
        up.intake.call('listCatalogItems', {
          keyword: query['keyword'] ?? '',
          agency: query['agency'] ?? '',
          exerciseLevel: query['exerciseLevel'] ?? '',
        }),
    }),
    route({
      method: 'get', path: '/api/v1/catalog/items/:code', operationId: 'getCatalogItem', tag: 'catalog',
      auth: 'public', status: 200, summary: 'One service item, as published',
      handle: async ({ params }) =>
        found((await up.intake.call('getCatalogItem', { code: s.param(params, 'code') })).item, 'item'),
    }),
    route({
      method: 'post', path: '/api/v1/cases', operationId: 'submitCase', tag: 'cases', auth: 'token', status: 201,
      idempotent: true, body: s.submitCase, summary: 'Submits an application for a service item',
      handle: async ({ body, token, idempotencyKey }) =>
        found(
          (await up.intake.call('submitCase', { ...body, hall: body.hall ?? '', idempotencyKey: idempotencyKey ?? '', materials: body.materials.map((m) => ({ code: m.code, fileId: m.fileId ?? '', licenceId: m.licenceId ?? '' })) }, as(token))).case,
          'case',
        ),
    }),
    route({
      method: 'get', path: '/api/v1/cases', operationId: 'listCases', tag: 'cases', auth: 'token', status: 200,
      summary: "The caller's cases (an applicant's own, a clerk's hall's)",
      query: { status: { description: 'filter by status' }, pageToken: { description: 'from the previous page' } },
      handle: ({ query, token }) =>
        up.intake.call('listCases', { status: query['status'] ?? '', pageToken: query['pageToken'] ?? '', pageSize: 50 }, as(token)),
    }),
    route({
      method: 'get', path: '/api/v1/cases/:caseId', operationId: 'getCase', tag: 'cases', auth: 'token', status: 200,
      summary: 'One case with its status and, once closed, its licence',
      handle: async ({ params, token }) =>
        found((await up.intake.call('getCase', { caseId: s.param(params, 'caseId') }, as(token))).case, 'case'),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/accept', operationId: 'acceptCase', tag: 'cases', auth: 'token',
      status: 200, idempotent: true, body: s.acceptCase, summary: 'A clerk accepts the case at the window (受理)',
      handle: async ({ params, body, token }) =>
        found((await up.intake.call('acceptCase', { caseId: s.param(params, 'caseId'), opinion: body.opinion }, as(token))).case, 'case'),
    }),
  ];
}
