import { DIVISION_LEVELS } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import { z } from 'zod';
import * as s from '../schemas.js';
import type { Upstreams } from '../../../app/upstreams.js';
import { orNotFound, withBearer } from './support.js';
import { route, type Route } from '../route.js';

/** Request bodies of the identity routes: strict, bounded; the service checks the rules again. */
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, 'required');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lower-case letters, digits and -');
const divisionCode = z.string().regex(/^\d{6}(\d{3}){0,2}$/, 'a division code: 6, 9 or 12 digits');
const username = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'lower-case letters, digits and . _ @ -, 2 to 64');
const instant = z.iso.datetime({ offset: true });

const registerApplicant = z.strictObject({
  username,
  password: z.string().min(1).max(128),
  displayName: required(64),
  kind: z.enum(['NaturalPerson', 'LegalEntity']),
  residentId: text(32).default(''),
  uscc: text(32).default(''),
  entityName: text(128).default(''),
  mobile: text(20).default(''),
  email: text(254).default(''),
});

/** Sent in the body, never in a URL: a code in a path would land in access logs. */
const confirmContact = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'the six digits received') });

const findApplicant = z.strictObject({ type: z.enum(['residentId', 'uscc']), value: z.string().trim().min(1).max(64) });

const createOrgUnit = z.strictObject({
  code: divisionCode,
  name: required(64),
  level: z.enum(DIVISION_LEVELS).optional(),
  parentCode: divisionCode.optional(),
});

const createAgency = z.strictObject({ id: slug, name: required(64), orgUnit: divisionCode });

const createHall = z.strictObject({
  id: z.string().regex(/^hall-\d{6}(\d{3}){0,2}-[a-z0-9][a-z0-9-]{0,31}$/, 'hall-<division code>-<suffix>'),
  name: required(64),
  orgUnit: divisionCode,
  kind: z.enum(['HALL', 'SUB_CENTER']).default('HALL'),
  parentHallId: text(64).default(''),
  address: text(200).default(''),
});

const saveWindow = z.strictObject({
  name: required(64),
  kind: z.enum(['COMPREHENSIVE', 'AGENCY']),
  agencies: z.array(required(64)).max(50).default([]),
  enabled: z.boolean().default(true),
});

const roles = z.array(z.string().regex(/^[a-z_]{2,32}$/, 'a role name')).max(8);
const windows = z.array(s.pathId).max(50);

const createStaff = z.strictObject({
  username,
  displayName: required(64),
  roles: roles.min(1, 'at least one role'),
  orgUnit: divisionCode.optional(),
  agency: text(64).optional(),
  hall: text(64).optional(),
  windows: windows.default([]),
  initialPassword: z.string().min(12, 'at least 12 characters').max(128),
});

/** Absent fields stay as they are; an empty string clears org unit, agency or hall. */
const updateStaff = z.strictObject({
  displayName: required(64).optional(),
  roles: roles.optional(),
  orgUnit: z.union([divisionCode, z.literal('')]).optional(),
  agency: text(64).optional(),
  hall: text(64).optional(),
  windows: windows.optional(),
  enabled: z.boolean().optional(),
});

const createDelegation = z.strictObject({
  principalId: s.pathId.optional(),
  substituteId: s.pathId,
  from: instant,
  until: instant,
  reason: text(200).default(''),
});

const createPartnerClient = z.strictObject({
  clientId: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits and . _ -'),
  name: required(64),
});

/** The contact a `/me/contacts/{kind}` path names. */
function contactKind(params: Record<string, string>): 'mobile' | 'email' {
  const kind = params['kind'];
  if (kind === 'mobile' || kind === 'email') return kind;
  throw invalid('CONTACT_KIND_INVALID', 'kind must be mobile or email', [{ field: 'kind', message: 'mobile or email' }]);
}

/** An optional query parameter that must be an identifier when present. */
function optionalId(query: Record<string, string>, name: string): string {
  return query[name] ? s.param(query, name) : '';
}

function limitOf(query: Record<string, string>): number {
  const raw = query['limit'];
  if (raw === undefined) return 0;
  if (!/^\d{1,3}$/.test(raw)) throw invalid('QUERY_INVALID', 'limit must be a number from 1 to 200', [{ field: 'limit', message: '1 to 200' }]);
  return Number(raw);
}

/** REST operations served by the identity service. */
export function identityRoutes(up: Upstreams): Route[] {
  const id = up.identity;
  return [
    route({
      method: 'get', path: '/api/v1/me', operationId: 'getMe', tag: 'identity', auth: 'token', status: 200,
      summary: "The caller's identity, permissions and windows",
      handle: ({ token }) => id.call('getMe', {}, withBearer(token)),
    }),
    route({
      method: 'post', path: '/api/v1/identifiers/validate', operationId: 'validateIdentifier', tag: 'identity',
      auth: 'public', status: 200, body: s.validateIdentifier,
      summary: 'Checks a resident ID (GB 11643) or unified social credit code (GB 32100)',
      handle: ({ body }) => id.call('validateIdentifier', body),
    }),

    route({
      method: 'post', path: '/api/v1/applicants', operationId: 'registerApplicant', tag: 'applicants', auth: 'public', status: 201,
      body: registerApplicant,
      summary: 'Signs an applicant up: a natural person (resident ID) or a legal entity (USCC); a bad identifier is refused and nothing is stored',
      handle: async ({ body }) => orNotFound((await id.call('registerApplicant', body)).applicant, 'applicant'),
    }),
    route({
      method: 'get', path: '/api/v1/applicants/:applicantId', operationId: 'getApplicant', tag: 'applicants', auth: 'token', status: 200,
      summary: 'One applicant; the identifier is masked unless the caller is the applicant or a platform administrator',
      handle: async ({ params, token }) =>
        orNotFound((await id.call('getApplicant', { applicantId: s.param(params, 'applicantId') }, withBearer(token))).applicant, 'applicant'),
    }),
    route({
      method: 'get', path: '/api/v1/me/contacts', operationId: 'listMyContacts', tag: 'applicants', auth: 'token', status: 200,
      summary: "The caller's contact channels (mobile, email), each with verifiedAt once verified (applicants)",
      handle: async ({ principal, token }) => {
        const applicant = orNotFound((await id.call('getApplicant', { applicantId: principal?.subject ?? '' }, withBearer(token))).applicant, 'applicant');
        return { contacts: applicant.contacts };
      },
    }),
    route({
      method: 'post', path: '/api/v1/me/contacts/:kind/verification', operationId: 'requestContactVerification', tag: 'applicants', auth: 'token',
      status: 202,
      summary: "Sends a one-time code to the caller's own mobile (SMS) or email, valid 10 minutes; one a minute and ten a day per contact (429 with Retry-After otherwise)",
      handle: ({ params, principal, token }) => id.call('requestContactVerification', { applicantId: principal?.subject ?? '', kind: contactKind(params) }, withBearer(token)),
    }),
    route({
      method: 'post', path: '/api/v1/me/contacts/:kind/verification/confirm', operationId: 'confirmContactVerification', tag: 'applicants',
      auth: 'token', status: 200, body: confirmContact,
      summary: 'Checks the code: the right one verifies the contact (answered with verifiedAt) and is spent; a wrong one is 400, the fifth locks it (409)',
      handle: async ({ params, body, principal, token }) =>
        orNotFound(
          (await id.call('confirmContactVerification', { applicantId: principal?.subject ?? '', kind: contactKind(params), verificationCode: body.code }, withBearer(token))).contact,
          'contact',
        ),
    }),
    route({
      method: 'post', path: '/api/v1/applicants/lookup', operationId: 'findApplicant', tag: 'applicants', auth: 'token', status: 200,
      body: findApplicant,
      summary: 'Looks an applicant up by the full identifier (sent in the body, never in a URL)',
      handle: async ({ body, token }) => orNotFound((await id.call('findApplicant', body, withBearer(token))).applicant, 'applicant'),
    }),

    route({
      method: 'get', path: '/api/v1/org-units', operationId: 'listOrgUnits', tag: 'organisation', auth: 'token', status: 200,
      summary: 'The children of an org unit, or the provinces',
      query: { parent: { description: 'division code of the parent; absent: the provinces' } },
      handle: ({ query, token }) => id.call('listOrgUnits', { parentCode: optionalId(query, 'parent') }, withBearer(token)),
    }),
    route({
      method: 'get', path: '/api/v1/org-units/:code', operationId: 'getOrgUnit', tag: 'organisation', auth: 'token', status: 200,
      summary: 'One org unit by division code',
      handle: async ({ params, token }) => orNotFound((await id.call('getOrgUnit', { code: s.param(params, 'code') }, withBearer(token))).orgUnit, 'org unit'),
    }),
    route({
      method: 'post', path: '/api/v1/org-units', operationId: 'createOrgUnit', tag: 'organisation', auth: 'token', status: 201,
      body: createOrgUnit, summary: 'Adds an org unit under its parent (platform administrators)',
      handle: async ({ body, token }) =>
        orNotFound((await id.call('createOrgUnit', { code: body.code, name: body.name, level: body.level ?? '', parentCode: body.parentCode ?? '' }, withBearer(token))).orgUnit, 'org unit'),
    }),
    route({
      method: 'get', path: '/api/v1/agencies', operationId: 'listAgencies', tag: 'organisation', auth: 'token', status: 200,
      summary: 'The agencies (进驻单位) seated at an org unit',
      query: { orgUnit: { description: 'division code', required: true } },
      handle: ({ query, token }) => id.call('listAgencies', { orgUnit: s.param(query, 'orgUnit') }, withBearer(token)),
    }),
    route({
      method: 'post', path: '/api/v1/agencies', operationId: 'createAgency', tag: 'organisation', auth: 'token', status: 201,
      body: createAgency, summary: 'Seats an agency at an org unit (platform administrators)',
      handle: async ({ body, token }) => orNotFound((await id.call('createAgency', body, withBearer(token))).agency, 'agency'),
    }),
    route({
      method: 'get', path: '/api/v1/halls', operationId: 'listHalls', tag: 'organisation', auth: 'token', status: 200,
      summary: 'Halls and sub-centres of an org unit and below it',
      query: { orgUnit: { description: 'division code; absent: every hall' } },
      handle: ({ query, token }) => id.call('listHalls', { orgUnit: optionalId(query, 'orgUnit') }, withBearer(token)),
    }),
    route({
      method: 'post', path: '/api/v1/halls', operationId: 'createHall', tag: 'organisation', auth: 'token', status: 201,
      body: createHall, summary: 'Opens a hall or sub-centre (platform administrators)',
      handle: async ({ body, token }) => orNotFound((await id.call('createHall', body, withBearer(token))).hall, 'hall'),
    }),
    route({
      method: 'get', path: '/api/v1/halls/:hallId/windows', operationId: 'listWindows', tag: 'organisation', auth: 'token', status: 200,
      summary: 'The windows of a hall',
      handle: ({ params, token }) => id.call('listWindows', { hallId: s.param(params, 'hallId') }, withBearer(token)),
    }),
    route({
      method: 'post', path: '/api/v1/halls/:hallId/windows/:windowId', operationId: 'saveWindow', tag: 'organisation', auth: 'token', status: 200,
      body: saveWindow, summary: 'Opens or changes a window: comprehensive (综合窗口) or serving the agencies listed (hall administrators of the hall, platform administrators)',
      handle: async ({ params, body, token }) =>
        orNotFound(
          (await id.call('saveWindow', { window: { ...body, id: s.param(params, 'windowId'), hallId: s.param(params, 'hallId') } }, withBearer(token))).window,
          'window',
        ),
    }),

    route({
      method: 'get', path: '/api/v1/roles', operationId: 'listRoles', tag: 'staff', auth: 'token', status: 200,
      summary: 'The roles of the platform and what each may do',
      handle: ({ token }) => id.call('listRoles', {}, withBearer(token)),
    }),
    route({
      method: 'get', path: '/api/v1/staff', operationId: 'listStaff', tag: 'staff', auth: 'token', status: 200,
      summary: 'Staff the caller oversees: their hall, agency or jurisdiction',
      query: { orgUnit: { description: 'division code' }, hall: { description: 'hall id' }, agency: { description: 'agency name' } },
      handle: ({ query, token }) =>
        id.call('listStaff', { orgUnit: optionalId(query, 'orgUnit'), hall: optionalId(query, 'hall'), agency: (query['agency'] ?? '').slice(0, 64) }, withBearer(token)),
    }),
    route({
      method: 'get', path: '/api/v1/staff/:staffId', operationId: 'getStaff', tag: 'staff', auth: 'token', status: 200,
      summary: 'One staff member',
      handle: async ({ params, token }) => orNotFound((await id.call('getStaff', { staffId: s.param(params, 'staffId') }, withBearer(token))).staff, 'staff'),
    }),
    route({
      method: 'post', path: '/api/v1/staff', operationId: 'createStaff', tag: 'staff', auth: 'token', status: 201,
      body: createStaff, summary: 'Adds a staff member and provisions their account at the identity provider (platform administrators; hall administrators for clerks of their hall)',
      handle: async ({ body, token }) =>
        orNotFound(
          (await id.call('createStaff', { ...body, orgUnit: body.orgUnit ?? '', agency: body.agency ?? '', hall: body.hall ?? '' }, withBearer(token))).staff,
          'staff',
        ),
    }),
    route({
      method: 'post', path: '/api/v1/staff/:staffId', operationId: 'updateStaff', tag: 'staff', auth: 'token', status: 200,
      body: updateStaff, summary: 'Changes roles, placement, windows or state; the next token carries the change',
      handle: async ({ params, body, token }) =>
        orNotFound(
          (await id.call('updateStaff', {
            staffId: s.param(params, 'staffId'),
            displayName: body.displayName,
            roles: body.roles ? { values: body.roles } : undefined,
            orgUnit: body.orgUnit,
            agency: body.agency,
            hall: body.hall,
            windows: body.windows ? { values: body.windows } : undefined,
            enabled: body.enabled,
          }, withBearer(token))).staff,
          'staff',
        ),
    }),

    route({
      method: 'get', path: '/api/v1/delegations', operationId: 'listDelegations', tag: 'stand-ins', auth: 'token', status: 200,
      summary: 'Stand-ins (AB角) a staff member gives or receives; with active=true only those in force at `at` (default now)',
      query: {
        principalId: { description: 'the approver who is away' },
        substituteId: { description: 'the approver who stands in' },
        active: { description: 'true: only delegations in force' },
        at: { description: 'ISO instant for active=true; default now' },
      },
      handle: ({ query, token }) => {
        const request = { principalId: optionalId(query, 'principalId'), substituteId: optionalId(query, 'substituteId') };
        return query['active'] === 'true'
          ? id.call('listActiveDelegations', { ...request, at: query['at'] ?? '' }, withBearer(token))
          : id.call('listDelegations', request, withBearer(token));
      },
    }),
    route({
      method: 'post', path: '/api/v1/delegations', operationId: 'createDelegation', tag: 'stand-ins', auth: 'token', status: 201,
      body: createDelegation, summary: 'An approver names a substitute for a period (same agency and org unit, not overlapping)',
      handle: async ({ body, token }) =>
        orNotFound((await id.call('createDelegation', { ...body, principalId: body.principalId ?? '' }, withBearer(token))).delegation, 'delegation'),
    }),
    route({
      method: 'post', path: '/api/v1/delegations/:delegationId/revoke', operationId: 'revokeDelegation', tag: 'stand-ins', auth: 'token',
      status: 200, summary: 'Ends a stand-in now',
      handle: async ({ params, token }) =>
        orNotFound((await id.call('revokeDelegation', { delegationId: s.param(params, 'delegationId') }, withBearer(token))).delegation, 'delegation'),
    }),

    route({
      method: 'post', path: '/api/v1/partner-clients', operationId: 'createPartnerClient', tag: 'staff', auth: 'token', status: 201,
      body: createPartnerClient, summary: "Registers a partner platform's client (client credentials, role partner); the secret is shown once",
      handle: ({ body, token }) => id.call('createPartnerClient', body, withBearer(token)),
    }),

    route({
      method: 'get', path: '/api/v1/audit', operationId: 'listAuditEntries', tag: 'audit', auth: 'token', status: 200,
      summary: 'The platform audit trail (supervisors: their jurisdiction; platform administrators: all), with the hash chain verified',
      query: {
        subject: { description: 'the actor (a token sub)' },
        afterId: { description: 'the last entry id of the previous page' },
        limit: { description: '1 to 200, default 50' },
      },
      handle: ({ query, token }) =>
        id.call('listAuditEntries', { subject: optionalId(query, 'subject'), afterId: optionalId(query, 'afterId'), limit: limitOf(query) }, withBearer(token)),
    }),
  ];
}
