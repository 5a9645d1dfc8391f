import { identityV1 } from '@onewindow/contracts';
import { validateResidentId, validateUscc } from '@onewindow/identifiers';
import { invalid, type Clock } from '@onewindow/kernel';
import { bindService, callerOf } from '@onewindow/rpc';
import type { IdentityUseCases } from '../compose.js';
import {
  applicantMessage,
  auditEntryMessage,
  contactMessage,
  delegationMessage,
  hallMessage,
  orgUnitMessage,
  staffMessage,
  windowFromMessage,
  windowMessage,
} from './grpc-mapping.js';

/** Thin handlers: decode, call the use case (which authorizes), encode. */
export function identityGrpc(useCases: IdentityUseCases, clock: Clock) {
  const u = useCases;
  return bindService(
    identityV1.IdentityServiceService,
    {
      getMe: async (_req, ctx) => {
        const { principal: p, permissions, windows } = await u.getMe.execute(callerOf(ctx));
        return {
          subject: p.subject,
          username: p.username,
          displayName: p.displayName ?? p.username,
          roles: [...p.roles],
          orgUnit: p.orgUnit ?? '',
          agency: p.agency ?? '',
          hall: p.hall ?? '',
          permissions: [...permissions],
          windows: [...windows],
        };
      },
      validateIdentifier: async (req) => {
        if (req.type !== 'residentId' && req.type !== 'uscc')
          throw invalid('IDENTIFIER_TYPE_UNKNOWN', 'type must be residentId or uscc', [{ field: 'type', message: 'residentId or uscc' }]);
        const today = clock.now().toISOString().slice(0, 10);
        const result = req.type === 'residentId' ? validateResidentId(req.value, today) : validateUscc(req.value);
        return { valid: result.valid, reason: result.reason };
      },

      registerApplicant: async (req) => ({ applicant: applicantMessage(await u.registerApplicant.execute(req)) }),
      getApplicant: async (req, ctx) => ({ applicant: applicantMessage(await u.getApplicant.execute(callerOf(ctx), req.applicantId)) }),
      findApplicant: async (req, ctx) => ({ applicant: applicantMessage(await u.findApplicant.execute(callerOf(ctx), req)) }),
      requestContactVerification: async (req, ctx) => u.requestContactVerification.execute(callerOf(ctx), req),
      confirmContactVerification: async (req, ctx) => ({
        contact: contactMessage(
          await u.confirmContactVerification.execute(callerOf(ctx), { applicantId: req.applicantId, kind: req.kind, code: req.verificationCode }),
        ),
      }),

      listOrgUnits: async (req, ctx) => ({ orgUnits: (await u.listOrgUnits.execute(callerOf(ctx), req.parentCode)).map(orgUnitMessage) }),
      getOrgUnit: async (req, ctx) => ({ orgUnit: orgUnitMessage(await u.getOrgUnit.execute(callerOf(ctx), req.code)) }),
      createOrgUnit: async (req, ctx) => ({ orgUnit: orgUnitMessage(await u.createOrgUnit.execute(callerOf(ctx), req)) }),
      listAgencies: async (req, ctx) => ({ agencies: await u.listAgencies.execute(callerOf(ctx), req.orgUnit) }),
      createAgency: async (req, ctx) => ({ agency: await u.createAgency.execute(callerOf(ctx), req) }),
      listHalls: async (req, ctx) => ({ halls: (await u.listHalls.execute(callerOf(ctx), req.orgUnit)).map(hallMessage) }),
      createHall: async (req, ctx) => ({ hall: hallMessage(await u.createHall.execute(callerOf(ctx), req)) }),
      listWindows: async (req, ctx) => ({ windows: (await u.listWindows.execute(callerOf(ctx), req.hallId)).map(windowMessage) }),
      saveWindow: async (req, ctx) => ({ window: windowMessage(await u.saveWindow.execute(callerOf(ctx), windowFromMessage(req.window))) }),

      listRoles: async (_req, ctx) => ({
        roles: u.listRoles.execute(callerOf(ctx)).map((r) => ({
          name: r.name,
          titleZh: r.title.zh,
          titleEn: r.title.en,
          kind: r.kind,
          permissions: [...r.permissions],
        })),
      }),
      listStaff: async (req, ctx) => ({ staff: (await u.listStaff.execute(callerOf(ctx), req)).map(staffMessage) }),
      getStaff: async (req, ctx) => ({ staff: staffMessage(await u.getStaff.execute(callerOf(ctx), req.staffId)) }),
      createStaff: async (req, ctx) => ({ staff: staffMessage(await u.createStaff.execute(callerOf(ctx), req)) }),
      updateStaff: async (req, ctx) => ({
        staff: staffMessage(
          await u.updateStaff.execute(callerOf(ctx), { ...req, roles: req.roles?.values, windows: req.windows?.values }),
        ),
      }),

      createDelegation: async (req, ctx) => ({ delegation: delegationMessage(await u.createDelegation.execute(callerOf(ctx), req), clock.now()) }),
      revokeDelegation: async (req, ctx) => ({
        delegation: delegationMessage(await u.revokeDelegation.execute(callerOf(ctx), req.delegationId), clock.now()),
      }),
      listDelegations: async (req, ctx) => ({
        delegations: (await u.listDelegations.execute(callerOf(ctx), req)).map((d) => delegationMessage(d, clock.now())),
      }),
      listActiveDelegations: async (req, ctx) => ({
        delegations: (await u.listActiveDelegations.execute(callerOf(ctx), req)).map((d) => delegationMessage(d, clock.now())),
      }),

      createPartnerClient: async (req, ctx) => {
        const created = await u.createPartnerClient.execute(callerOf(ctx), req);
        return { clientId: created.clientId, clientSecret: created.secret, subject: created.subject };
      },

      listAuditEntries: async (req, ctx) => {
        const page = await u.listAuditEntries.execute(callerOf(ctx), req);
        return {
          entries: page.entries.map(auditEntryMessage),
          nextAfterId: page.nextAfterId,
          chainValid: page.chain.valid,
          chainChecked: page.chain.checked,
          chainProblem: page.chain.problem ?? '',
        };
      },
    },
    { public: ['validateIdentifier', 'registerApplicant'] },
  );
}
