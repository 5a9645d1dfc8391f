import { ACTIONS, decide, type Principal } from '@onewindow/auth';
import { identityV1 } from '@onewindow/contracts';
import { validateResidentId, validateUscc } from '@onewindow/identifiers';
import { invalid } from '@onewindow/kernel';
import { bindService, callerOf } from '@onewindow/rpc';

/** What the caller may do on their own resources: the console shows or hides actions by it. */
function permissionsOf(p: Principal): string[] {
  const own = { applicantId: p.subject, hall: p.hall, orgUnit: p.orgUnit, role: 'approver', assignee: p.subject };
  return ACTIONS.filter((action) => decide(p, action, own).allowed);
}

export function identityGrpc(today: () => string) {
  return bindService(
    identityV1.IdentityServiceService,
    {
      getMe: async (_req, ctx) => {
        const p = callerOf(ctx);
        return {
          subject: p.subject,
          username: p.username,
          displayName: p.displayName ?? p.username,
          roles: [...p.roles],
          orgUnit: p.orgUnit ?? '',
          agency: p.agency ?? '',
          hall: p.hall ?? '',
          permissions: permissionsOf(p),
        };
      },
      validateIdentifier: async (req) => {
        if (req.type !== 'residentId' && req.type !== 'uscc')
          throw invalid('IDENTIFIER_TYPE_UNKNOWN', 'type must be residentId or uscc', [{ field: 'type', message: 'residentId or uscc' }]);
        const result = req.type === 'residentId' ? validateResidentId(req.value, today()) : validateUscc(req.value);
        return { valid: result.valid, reason: result.reason };
      },
    },
    { public: ['validateIdentifier'] },
  );
}
