import { approvalV1 } from '@onewindow/contracts';
import { notFound } from '@onewindow/kernel';
import type { Upstreams } from '../../app/upstreams.js';
import { route, type Route } from './route.js';
import * as s from './schemas.js';

const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw notFound(`${what.toUpperCase()}_NOT_FOUND`, `${what} not found`);
  return value;
};

/** The public REST API. Each handler forwards the caller's token; services authorize. */
export function apiRoutes(up: Upstreams): Route[] {
  const as = (token: string | undefined) => (token ? { token } : {});
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
    route({
      method: 'get', path: '/api/v1/cases/:caseId/bills', operationId: 'listCaseBills', tag: 'fees', auth: 'token',
      status: 200, summary: "The case's bills, amounts in integer fen",
      handle: ({ params, token }) => up.fees.call('listBills', { caseId: s.param(params, 'caseId') }, as(token)),
    }),
    route({
      method: 'get', path: '/api/v1/cases/:caseId/messages', operationId: 'listCaseMessages', tag: 'notifications',
      auth: 'token', status: 200, summary: 'Messages sent about the case',
      handle: ({ params, token }) =>
        up.notifications.call('listMessages', { caseId: s.param(params, 'caseId') }, as(token)),
    }),
    route({
      method: 'get', path: '/api/v1/tasks', operationId: 'listTasks', tag: 'tasks', auth: 'token', status: 200,
      summary: "The caller's approval inbox",
      query: { status: { description: 'OPEN (default), CLAIMED or DONE' } },
      handle: ({ query, token }) => up.approval.call('listTasks', { status: query['status'] ?? '' }, as(token)),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/claim', operationId: 'claimTask', tag: 'tasks', auth: 'token',
      status: 200, summary: 'Claims a task from the inbox',
      handle: async ({ params, token }) =>
        found((await up.approval.call('claimTask', { taskId: s.param(params, 'taskId') }, as(token))).task, 'task'),
    }),
    route({
      method: 'post', path: '/api/v1/tasks/:taskId/complete', operationId: 'completeTask', tag: 'tasks',
      auth: 'token', status: 200, idempotent: true, body: s.completeTask,
      summary: 'Decides a task: approve or reject, with an opinion and its legal basis',
      handle: async ({ params, body, token }) =>
        found(
          (await up.approval.call('completeTask', {
            taskId: s.param(params, 'taskId'),
            outcome: body.outcome === 'APPROVE' ? approvalV1.TaskOutcome.TASK_OUTCOME_APPROVE : approvalV1.TaskOutcome.TASK_OUTCOME_REJECT,
            opinion: body.opinion,
            legalBasis: body.legalBasis,
          }, as(token))).task,
          'task',
        ),
    }),
    route({
      method: 'get', path: '/api/v1/licences/:licenceId', operationId: 'getLicence', tag: 'licences', auth: 'token',
      status: 200, summary: 'A signed electronic licence (电子证照)',
      handle: async ({ params, token }) =>
        found((await up.certificate.call('getLicence', { licenceId: s.param(params, 'licenceId') }, as(token))).licence, 'licence'),
    }),
    route({
      method: 'get', path: '/api/v1/licences/:licenceId/verify', operationId: 'verifyLicence', tag: 'licences',
      auth: 'public', status: 200, summary: "Anyone can check a licence's signature and status",
      handle: ({ params }) => up.certificate.call('verifyLicence', { licenceId: s.param(params, 'licenceId') }),
    }),
    route({
      method: 'get', path: '/api/v1/partners', operationId: 'listPartners', tag: 'routing', auth: 'token',
      status: 200, summary: 'Partner platforms cases are exchanged with (跨省通办)',
      handle: ({ token }) => up.routing.call('listPartners', {}, as(token)),
    }),
  ];
}
