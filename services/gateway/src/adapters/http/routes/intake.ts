import { z } from 'zod';
import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { orNotFound, withBearer } from './support.js';
import { route, type BinaryReply, type Route } from '../route.js';

/**
 * Request bodies of intake's operations: strict (unknown fields refused),
 * bounded, and scalar where a scalar is meant, so `{ "$gt": "" }` is a 400
 * before anything reaches a service. Intake checks every rule again.
 */
const fileId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a file id from POST /api/v1/files');
const licenceId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be a licence id');
const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a catalog code');
const materialCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be a material code such as M01');
const hall = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a hall code such as hall-510100-01');
const text = (max: number) => z.string().trim().max(max);
const form = z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'field names are letters, digits, _ . -'), text(2000)).default({});

const materialRef = z.strictObject({ code: materialCode, fileId: fileId.optional(), licenceId: licenceId.optional() });
const commitment = z.strictObject({ materialCode, text: text(2000).min(1, 'the commitment text is required') });
const party = z.strictObject({
  kind: z.enum(['NATURAL_PERSON', 'LEGAL_ENTITY']),
  name: text(100).min(1),
  /** Resident ID (18) for a person, unified social credit code (18) for an entity. */
  idNumber: z.string().regex(/^[0-9A-Za-z]{18}$/, 'must be 18 letters or digits'),
});
const deficiency = z.strictObject({ materialCode, problem: z.enum(['MISSING', 'DEFICIENT']), note: text(2000).default('') });

const submitCase = z.strictObject({
  itemCode: code,
  hall: hall.optional(),
  materials: z.array(materialRef).max(50).default([]),
  commitments: z.array(commitment).max(50).default([]),
  form,
  /** Keep it as a draft (for a pre-review) instead of submitting it. */
  draft: z.boolean().default(false),
  /** Filing for someone else: a walk-in at the window (clerk), or the company an agent files for. */
  applicant: party.optional(),
});

const acceptCase = z.strictObject({
  opinion: text(500).default(''),
  /** 容缺受理: accept with these materials pending, under the applicant's signed commitment. */
  pending: z
    .strictObject({
      materialCodes: z.array(materialCode).min(1).max(50),
      commitment: z.strictObject({ text: text(2000).min(1), signedBy: text(100).min(1), fileId: fileId.optional() }),
      deadlineWorkingDays: z.int().min(1).max(30),
    })
    .optional(),
  /** 即办件: decide at the window in the same visit. */
  decision: z
    .strictObject({ decision: z.enum(['APPROVED', 'REJECTED']), opinion: text(2000).min(1), legalBasis: z.array(text(300).min(1)).max(20).default([]) })
    .optional(),
});

const rejectCase = z.strictObject({
  reason: text(2000).min(1, 'the reason is required'),
  legalBasis: z.array(text(300).min(1)).min(1, 'name the legal basis').max(20),
});

const supplementRequest = z.strictObject({ deficiencies: z.array(deficiency).min(1).max(50), opinion: text(2000).default('') });
const preReview = z.strictObject({ result: z.enum(['PASSED', 'RETURNED']), opinion: text(2000).default(''), deficiencies: z.array(deficiency).max(50).default([]) });
const addMaterials = z.strictObject({ materials: z.array(materialRef).max(50).default([]), commitments: z.array(commitment).max(50).default([]) });
const emptyBody = z.strictObject({});

const bundleApplication = z.strictObject({
  bundleCode: code,
  hall: hall.optional(),
  form,
  materials: z.array(materialRef.extend({ itemCode: code })).max(100).default([]),
  commitments: z.array(commitment.extend({ itemCode: code })).max(100).default([]),
  applicant: party.optional(),
});

const creditChange = z.strictObject({ reason: text(500).min(1, 'say why') });

export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export interface IntakeRouteOptions {
  /** Largest upload the gateway reads; 10 MiB unless configured. */
  readonly uploadLimitBytes?: number;
}

const refs = (materials: readonly { code: string; fileId?: string | undefined; licenceId?: string | undefined }[]) =>
  materials.map((m) => ({ code: m.code, fileId: m.fileId ?? '', licenceId: m.licenceId ?? '' }));

const partyOf = (applicant: z.infer<typeof party> | undefined) => (applicant ? { ...applicant, idNumber: applicant.idNumber.toUpperCase() } : undefined);

/** REST operations served by the intake service. */
export function intakeRoutes(up: Upstreams, options: IntakeRouteOptions = {}): Route[] {
  const caseCall = async (reply: Promise<{ case?: unknown }>) => orNotFound((await reply).case, 'case');
  return [
    route({
      method: 'get', path: '/api/v1/catalog/items', operationId: 'listCatalogItems', tag: 'catalog', auth: 'public',
      status: 200, summary: 'The published catalog of service items (五公开: basis, procedure, conditions, limit, fee)',
      query: {
        keyword: { description: 'matches the item name, English name, code or implementation code' },
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
        orNotFound((await up.intake.call('getCatalogItem', { code: s.param(params, 'code') })).item, 'item'),
    }),
    route({
      method: 'get', path: '/api/v1/catalog/bundles', operationId: 'listBundles', tag: 'catalog', auth: 'public',
      status: 200, summary: 'Bundles (一件事): one application fanning out to several items across agencies',
      handle: () => up.intake.call('listBundles', {}),
    }),
    route({
      method: 'post', path: '/api/v1/files', operationId: 'uploadFile', tag: 'files', auth: 'token', status: 201,
      summary: 'Uploads a material file (PDF, JPEG or PNG); its SHA-256 and SM3 come back with its id',
      query: { filename: { description: 'the original file name, for display' } },
      rawBody: { types: UPLOAD_TYPES, limitBytes: options.uploadLimitBytes ?? 10 * 1024 * 1024 },
      handle: async ({ raw, query, token }) =>
        orNotFound(
          (
            await up.intake.call(
              'uploadFile',
              { content: raw?.content ?? Buffer.alloc(0), declaredContentType: raw?.contentType ?? '', filename: query['filename'] ?? '' },
              { ...withBearer(token), deadlineMs: 30_000 },
            )
          ).file,
          'file',
        ),
    }),
    route({
      method: 'post', path: '/api/v1/cases', operationId: 'submitCase', tag: 'cases', auth: 'token', status: 201,
      idempotent: true, body: submitCase,
      summary: 'Submits an application (or saves a draft); a clerk files for a walk-in, an agent for a company (帮办代办)',
      handle: async ({ body, token, idempotencyKey }) =>
        caseCall(
          up.intake.call(
            'submitCase',
            {
              itemCode: body.itemCode,
              hall: body.hall ?? '',
              idempotencyKey: idempotencyKey ?? '',
              materials: refs(body.materials),
              commitments: body.commitments,
              form: body.form,
              draft: body.draft,
              applicant: partyOf(body.applicant),
            },
            withBearer(token),
          ),
        ),
    }),
    route({
      method: 'get', path: '/api/v1/cases', operationId: 'listCases', tag: 'cases', auth: 'token', status: 200,
      summary: "The caller's cases (an applicant's own and those they filed, a clerk's hall's, a supervisor's jurisdiction)",
      query: {
        status: { description: 'filter by status' },
        pageToken: { description: 'from the previous page' },
        pageSize: { description: 'at most 100; 50 unless set' },
      },
      handle: ({ query, token }) =>
        up.intake.call(
          'listCases',
          { status: query['status'] ?? '', pageToken: query['pageToken'] ?? '', pageSize: pageSize(query['pageSize']) },
          withBearer(token),
        ),
    }),
    route({
      method: 'get', path: '/api/v1/cases/:caseId', operationId: 'getCase', tag: 'cases', auth: 'token', status: 200,
      summary: 'One case with its status, materials, documents and, once closed, its licence',
      handle: async ({ params, token }) => caseCall(up.intake.call('getCase', { caseId: s.param(params, 'caseId') }, withBearer(token))),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/submit', operationId: 'submitDraft', tag: 'cases', auth: 'token',
      status: 200, idempotent: true, body: emptyBody, summary: 'Submits a draft: the application is received now',
      handle: async ({ params, token }) => caseCall(up.intake.call('submitDraft', { caseId: s.param(params, 'caseId') }, withBearer(token))),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/pre-review-requests', operationId: 'requestPreReview', tag: 'cases',
      auth: 'token', status: 200, idempotent: true, body: emptyBody, summary: 'Asks for an online pre-review (预审) of a draft',
      handle: async ({ params, token }) => caseCall(up.intake.call('requestPreReview', { caseId: s.param(params, 'caseId') }, withBearer(token))),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/pre-review', operationId: 'preReviewCase', tag: 'cases', auth: 'token',
      status: 200, idempotent: true, body: preReview, summary: 'A clerk pre-reviews a draft: PASSED, or RETURNED listing every problem',
      handle: async ({ params, body, token }) =>
        caseCall(up.intake.call('preReviewCase', { caseId: s.param(params, 'caseId'), ...body }, withBearer(token))),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/accept', operationId: 'acceptCase', tag: 'cases', auth: 'token',
      status: 200, idempotent: true, body: acceptCase,
      summary: 'A clerk accepts the case (受理), possibly with pending materials (容缺受理) or decided at once (即办件)',
      handle: async ({ params, body, token }) =>
        caseCall(
          up.intake.call(
            'acceptCase',
            {
              caseId: s.param(params, 'caseId'),
              opinion: body.opinion,
              pending: body.pending && { ...body.pending, commitment: { ...body.pending.commitment, fileId: body.pending.commitment.fileId ?? '' } },
              decision: body.decision,
            },
            withBearer(token),
          ),
        ),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/reject', operationId: 'rejectCase', tag: 'cases', auth: 'token',
      status: 200, idempotent: true, body: rejectCase, summary: 'A clerk refuses to accept (不予受理), with the reason and legal basis',
      handle: async ({ params, body, token }) => caseCall(up.intake.call('rejectCase', { caseId: s.param(params, 'caseId'), ...body }, withBearer(token))),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/supplement-requests', operationId: 'requestSupplement', tag: 'cases',
      auth: 'token', status: 201, idempotent: true, body: supplementRequest,
      summary: 'A clerk lists every missing or deficient material at once: the one-time notice (一次性告知书)',
      handle: async ({ params, body, token }) =>
        caseCall(up.intake.call('requestSupplement', { caseId: s.param(params, 'caseId'), ...body }, withBearer(token))),
    }),
    route({
      method: 'post', path: '/api/v1/cases/:caseId/materials', operationId: 'addMaterials', tag: 'cases', auth: 'token',
      status: 200, idempotent: true, body: addMaterials, summary: 'Hands in materials: to a draft, after a one-time notice, or pending ones',
      handle: async ({ params, body, token }) =>
        caseCall(
          up.intake.call('addMaterials', { caseId: s.param(params, 'caseId'), materials: refs(body.materials), commitments: body.commitments }, withBearer(token)),
        ),
    }),
    route({
      method: 'get', path: '/api/v1/cases/:caseId/documents/:documentId', operationId: 'getCaseDocument', tag: 'cases',
      auth: 'token', status: 200, binary: { contentType: 'application/pdf' },
      summary: 'A receipt or notice of the case as PDF (受理回执, 不予受理通知书, 一次性告知书)',
      handle: async ({ params, token }): Promise<BinaryReply> => {
        const doc = await up.intake.call('getCaseDocument', { caseId: s.param(params, 'caseId'), documentId: s.param(params, 'documentId') }, withBearer(token));
        return { content: doc.content, contentType: doc.contentType, filename: doc.filename };
      },
    }),
    route({
      method: 'post', path: '/api/v1/bundle-applications', operationId: 'submitBundleApplication', tag: 'cases', auth: 'token',
      status: 201, idempotent: true, body: bundleApplication, summary: 'Applies for a bundle (一件事): one case per item, delivered together',
      handle: async ({ body, token, idempotencyKey }) =>
        orNotFound(
          (
            await up.intake.call(
              'submitBundleApplication',
              {
                bundleCode: body.bundleCode,
                idempotencyKey: idempotencyKey ?? '',
                hall: body.hall ?? '',
                form: body.form,
                materials: body.materials.map((m) => ({ itemCode: m.itemCode, ...refs([m])[0]! })),
                commitments: body.commitments,
                applicant: partyOf(body.applicant),
              },
              withBearer(token),
            )
          ).application,
          'application',
        ),
    }),
    route({
      method: 'get', path: '/api/v1/bundle-applications/:id', operationId: 'getBundleApplication', tag: 'cases', auth: 'token',
      status: 200, summary: 'A bundle application and its cases: DELIVERED once all have ended',
      handle: async ({ params, token }) =>
        orNotFound((await up.intake.call('getBundleApplication', { id: s.param(params, 'id') }, withBearer(token))).application, 'application'),
    }),
    route({
      method: 'get', path: '/api/v1/credit-records/:applicantId', operationId: 'getCreditRecord', tag: 'credit', auth: 'token',
      status: 200, summary: "An applicant's credit flag and its history (administrators, supervisors)",
      handle: async ({ params, token }) =>
        orNotFound((await up.intake.call('getCreditRecord', { applicantId: s.param(params, 'applicantId') }, withBearer(token))).record, 'record'),
    }),
    route({
      method: 'post', path: '/api/v1/credit-records/:applicantId/flag', operationId: 'flagCredit', tag: 'credit', auth: 'token',
      status: 200, idempotent: true, body: creditChange, summary: 'Flags a bad credit record: no acceptance with pending materials (容缺受理)',
      handle: async ({ params, body, token }) =>
        orNotFound((await up.intake.call('setCreditFlag', { applicantId: s.param(params, 'applicantId'), flagged: true, reason: body.reason }, withBearer(token))).record, 'record'),
    }),
    route({
      method: 'post', path: '/api/v1/credit-records/:applicantId/unflag', operationId: 'unflagCredit', tag: 'credit', auth: 'token',
      status: 200, idempotent: true, body: creditChange, summary: 'Clears a credit flag',
      handle: async ({ params, body, token }) =>
        orNotFound((await up.intake.call('setCreditFlag', { applicantId: s.param(params, 'applicantId'), flagged: false, reason: body.reason }, withBearer(token))).record, 'record'),
    }),
  ];
}

/** A page size from the query: a whole number 1 to 100, else the default. */
function pageSize(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 50;
}
