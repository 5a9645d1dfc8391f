import type { IdentifierVault } from '@onewindow/identifiers';
import type { Clock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { identityConsumers } from './adapters/consumers.js';
import { identityGrpc } from './adapters/grpc.js';
import { storeApplicantRegistry } from './adapters/store/applicants.js';
import { storeContactVerifications } from './adapters/store/contact-verifications.js';
import { storeDelegationRepository } from './adapters/store/delegations.js';
import { storeOrgDirectory, storeStaffDirectory } from './adapters/store/directory.js';
import { storePlatformAuditLog } from './adapters/store/platform-audit.js';
import { FindApplicant, GetApplicant } from './app/applicants/get-applicant.js';
import { RegisterApplicant } from './app/applicants/register-applicant.js';
import { CollectAuditEntry, ListAuditEntries } from './app/audit/audit-log.js';
import { ConfirmContactVerification } from './app/contacts/confirm-contact-verification.js';
import { RequestContactVerification } from './app/contacts/request-contact-verification.js';
import { CreateDelegation } from './app/delegations/create-delegation.js';
import { ListActiveDelegations, ListDelegations } from './app/delegations/list-delegations.js';
import { RevokeDelegation } from './app/delegations/revoke-delegation.js';
import { GetMe } from './app/me/get-me.js';
import { ListRoles } from './app/me/list-roles.js';
import { CreateAgency, ListAgencies } from './app/org/agencies.js';
import { CreateHall, ListHalls, ListWindows, SaveWindow } from './app/org/halls.js';
import { CreateOrgUnit, GetOrgUnit, ListOrgUnits } from './app/org/org-units.js';
import { CreatePartnerClient } from './app/partners/create-partner-client.js';
import type { AuditRecorder, IdentityProviderAdmin } from './app/ports.js';
import { CreateStaff, UpdateStaff } from './app/staff/manage-staff.js';
import { GetStaff, ListStaff } from './app/staff/read-staff.js';
import type { RandomSource } from './domain/index.js';

export interface IdentityDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Seals resident IDs and USCCs at rest (DATA_ENCRYPTION_KEY). */
  readonly vault: IdentifierVault;
  /** The embedded issuer's accounts, or Keycloak's admin API. */
  readonly idp: IdentityProviderAdmin;
  /** This service's own trail (the runtime's). */
  readonly audit: AuditRecorder;
  /** Draws one-time codes and their salts. */
  readonly random: RandomSource;
  /** HMACs one-time codes (derived from DATA_ENCRYPTION_KEY). */
  readonly codeKey: Uint8Array;
}

/** The repositories over one store. */
function repositoriesOf(store: Store, vault: IdentifierVault) {
  return {
    org: storeOrgDirectory(store),
    staff: storeStaffDirectory(store),
    applicants: storeApplicantRegistry(store, vault),
    delegations: storeDelegationRepository(store),
    contactVerifications: storeContactVerifications(store),
    platformAudit: storePlatformAuditLog(store),
  };
}

function identityUseCases(
  { org, staff, applicants, delegations, contactVerifications, platformAudit }: ReturnType<typeof repositoriesOf>,
  { clock, idp, audit, random, codeKey }: Pick<IdentityDeps, 'clock' | 'idp' | 'audit' | 'random' | 'codeKey'>,
) {
  const orgDeps = { org, audit, clock };
  const staffDeps = { staff, org, idp, audit, clock };
  const delegationDeps = { delegations, staff, audit, clock };
  const listDelegations = new ListDelegations({ delegations, staff });
  const contactDeps = { applicants, verifications: contactVerifications, audit, clock, random, codeKey };
  return {
    getMe: new GetMe(staff),
    listRoles: new ListRoles(),
    registerApplicant: new RegisterApplicant({ applicants, idp, audit, clock }),
    getApplicant: new GetApplicant(applicants),
    findApplicant: new FindApplicant(applicants),
    requestContactVerification: new RequestContactVerification(contactDeps),
    confirmContactVerification: new ConfirmContactVerification(contactDeps),
    listOrgUnits: new ListOrgUnits(org),
    getOrgUnit: new GetOrgUnit(org),
    createOrgUnit: new CreateOrgUnit(orgDeps),
    listAgencies: new ListAgencies(org),
    createAgency: new CreateAgency(orgDeps),
    listHalls: new ListHalls(org),
    createHall: new CreateHall(orgDeps),
    listWindows: new ListWindows(org),
    saveWindow: new SaveWindow(orgDeps),
    listStaff: new ListStaff(staff),
    getStaff: new GetStaff(staff),
    createStaff: new CreateStaff(staffDeps),
    updateStaff: new UpdateStaff(staffDeps),
    createDelegation: new CreateDelegation(delegationDeps),
    revokeDelegation: new RevokeDelegation(delegationDeps),
    listDelegations,
    listActiveDelegations: new ListActiveDelegations({ list: listDelegations, clock }),
    createPartnerClient: new CreatePartnerClient({ idp, audit, clock }),
    collectAuditEntry: new CollectAuditEntry(platformAudit),
    listAuditEntries: new ListAuditEntries(platformAudit),
  };
}

export type IdentityUseCases = ReturnType<typeof identityUseCases>;

/** Wires the service from its adapters: `main.ts` passes the runtime's, tests their own. */
export function composeIdentity(deps: IdentityDeps) {
  const repositories = repositoriesOf(deps.store, deps.vault);
  const useCases = identityUseCases(repositories, deps);
  return {
    useCases,
    repositories,
    rpc: identityGrpc(useCases, deps.clock),
    consumers: identityConsumers(useCases.collectAuditEntry),
  };
}

export type Identity = ReturnType<typeof composeIdentity>;
