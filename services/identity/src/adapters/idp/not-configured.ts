import { unavailable } from '@onewindow/kernel';
import type { IdentityProviderAdmin } from '../../app/ports.js';

const refuse = (): never => {
  throw unavailable('IDP_ADMIN_NOT_CONFIGURED', 'provisioning at the identity provider is not configured (KEYCLOAK_URL and admin credentials)');
};

/** With an external issuer and no admin API configured: every provisioning call is refused, lookups find nobody. */
export function provisioningNotConfigured(): IdentityProviderAdmin {
  return {
    createStaffUser: async () => refuse(),
    updateStaffUser: async () => refuse(),
    createApplicantUser: async () => refuse(),
    createPartnerClient: async () => refuse(),
    findUserId: async () => refuse(),
  };
}
