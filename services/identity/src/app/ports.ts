import type { AuditEntry, AuditRecord, ChainVerification } from '@onewindow/auth';
import type { AuditEntryRecordedData } from '@onewindow/events/catalog';
import type { OutboxMessage } from '@onewindow/store/port';
import type { CryptoKey, JSONWebKeySet, JWK } from 'jose';
import type {
  Agency,
  Applicant,
  ClientApplication,
  ContactKind,
  ContactVerification,
  Delegation,
  Hall,
  IdentifierType,
  OrgUnit,
  ServiceWindow,
  StaffMember,
  StaffRole,
  UserAccount,
} from '../domain/index.js';

/** People who sign in. Backed by the store (collection `users`, unique index on `username`). */
export interface UserDirectory {
  /** `username` is already normalised (lower case). */
  findByUsername(username: string): Promise<UserAccount | null>;
  /** Creates or replaces the account with this id. */
  save(account: UserAccount): Promise<void>;
}

/** OIDC clients. Backed by the store (collection `clients`, unique index on `clientId`). */
export interface ClientRegistry {
  findByClientId(clientId: string): Promise<ClientApplication | null>;
  /** Creates or replaces the client with this id. */
  save(client: ClientApplication): Promise<void>;
}

/** A token-signing key pair as persisted. `id` is the `kid` (RFC 7638 thumbprint of the public key). */
export interface StoredSigningKey {
  readonly id: string;
  readonly alg: 'RS256';
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly createdAt: string;
  /** Signing starts here; keys are published before they sign, so verifiers have them in time. */
  readonly activatesAt: string;
  /** Signing stops here; the public key stays published for a grace period after. */
  readonly retiredAt?: string;
}

/** Where signing keys live. Backed by the store (collection `signing_keys`); holds private keys. */
export interface SigningKeyRepository {
  list(): Promise<StoredSigningKey[]>;
  /** Creates or replaces the key with this id. */
  save(key: StoredSigningKey): Promise<void>;
}

export interface ActiveSigningKey {
  readonly kid: string;
  readonly alg: 'RS256';
  readonly privateKey: CryptoKey;
}

/** What the token issuer needs: a key to sign with now, and the public keys verifiers should trust. */
export interface SigningKeys {
  current(): Promise<ActiveSigningKey>;
  publicJwks(): Promise<JSONWebKeySet>;
}

/** The org tree: units, agencies, halls and windows. Backed by the store (collections org_units, agencies, halls, windows). */
export interface OrgDirectory {
  getUnit(code: string): Promise<OrgUnit | null>;
  /** Children of a unit; undefined: the provinces. */
  listUnits(parentCode: string | undefined): Promise<OrgUnit[]>;
  /** Refuses an existing code (conflict). */
  insertUnit(unit: OrgUnit): Promise<void>;
  getAgency(id: string): Promise<Agency | null>;
  findAgency(orgUnit: string, name: string): Promise<Agency | null>;
  listAgencies(orgUnits: readonly string[]): Promise<Agency[]>;
  insertAgency(agency: Agency): Promise<void>;
  getHall(id: string): Promise<Hall | null>;
  listHalls(): Promise<Hall[]>;
  insertHall(hall: Hall): Promise<void>;
  getWindow(id: string): Promise<ServiceWindow | null>;
  listWindows(hallId: string): Promise<ServiceWindow[]>;
  /** Creates or replaces. */
  saveWindow(window: ServiceWindow): Promise<void>;
}

export interface StaffFilter {
  readonly orgUnit?: string;
  readonly hall?: string;
  readonly agency?: string;
}

/** The staff directory (collection `staff`, unique username). */
export interface StaffDirectory {
  get(id: string): Promise<StaffMember | null>;
  findByUsername(username: string): Promise<StaffMember | null>;
  list(filter: StaffFilter): Promise<StaffMember[]>;
  /** Refuses a taken id or username (conflict). */
  insert(staff: StaffMember): Promise<void>;
  /** Replaces the member; a concurrent change fails with STORE_VERSION_CONFLICT. */
  update(staff: StaffMember): Promise<void>;
}

/**
 * Applicants (collection `applicants`). The adapter seals identifiers
 * (AES-256-GCM) and finds them by a keyed blind index: no number in clear
 * at rest.
 */
export interface ApplicantRegistry {
  get(id: string): Promise<Applicant | null>;
  findByIdentifier(type: IdentifierType, canonical: string): Promise<Applicant | null>;
  findByUsername(username: string): Promise<Applicant | null>;
  /** Refuses a taken id, username or identifier (conflict). */
  insert(applicant: Applicant): Promise<void>;
  /** The applicant with the version read, to change them. */
  load(id: string): Promise<StoredApplicant | null>;
  /** Replaces the applicant read at `expectedVersion`; a concurrent change fails with STORE_VERSION_CONFLICT. */
  update(applicant: Applicant, expectedVersion: number): Promise<void>;
}

export interface StoredApplicant {
  readonly applicant: Applicant;
  readonly version: number;
}

export interface StoredContactVerification {
  readonly challenge: ContactVerification;
  readonly version: number;
}

/**
 * Contact verification challenges (collection `contact_verifications`, one
 * per contact, holding a keyed hash of the code, never the code). The code
 * request event rides in the same write (outbox).
 */
export interface ContactVerificationRepository {
  get(applicantId: string, kind: ContactKind): Promise<StoredContactVerification | null>;
  /** Creates the challenge when `expectedVersion` is null, else replaces the one read; a concurrent change fails with STORE_VERSION_CONFLICT. */
  save(challenge: ContactVerification, expectedVersion: number | null, events: readonly OutboxMessage[]): Promise<void>;
}

export interface StoredDelegation {
  readonly delegation: Delegation;
  readonly version: number;
}

/** Delegations (collection `delegations`); events ride in the same write (outbox). */
export interface DelegationRepository {
  get(id: string): Promise<StoredDelegation | null>;
  listByPrincipal(principalId: string): Promise<Delegation[]>;
  listBySubstitute(substituteId: string): Promise<Delegation[]>;
  insert(delegation: Delegation, events: readonly OutboxMessage[]): Promise<void>;
  update(delegation: Delegation, expectedVersion: number, events: readonly OutboxMessage[]): Promise<void>;
}

/** The account (and token claims) of a staff member at the identity provider. */
export interface StaffAccount {
  readonly username: string;
  readonly displayName: string;
  readonly enabled: boolean;
  readonly roles: readonly StaffRole[];
  readonly orgUnit?: string;
  readonly agency?: string;
  readonly hall?: string;
}

export interface PartnerClientCredentials {
  readonly clientId: string;
  /** Shown once to the administrator who created it. */
  readonly secret: string;
  /** The `sub` of the client's service-account tokens. */
  readonly subject: string;
}

/**
 * Provisioning at the identity provider: the embedded issuer's own
 * accounts, or a Keycloak realm through its admin REST API. Org attributes
 * (org_unit, agency, hall) and realm roles end up in the tokens' claims.
 */
export interface IdentityProviderAdmin {
  /** Resolves to the new account's subject; refuses a taken username (conflict USERNAME_TAKEN). */
  createStaffUser(account: StaffAccount, initialPassword: string): Promise<{ readonly id: string }>;
  /** Replaces name, state, roles and org attributes of the account. */
  updateStaffUser(id: string, account: StaffAccount): Promise<void>;
  createApplicantUser(account: { readonly username: string; readonly displayName: string }, password: string): Promise<{ readonly id: string }>;
  /** A confidential client with client credentials and the partner role; refuses a taken client id (conflict CLIENT_ID_TAKEN). */
  createPartnerClient(input: { readonly clientId: string; readonly name: string }): Promise<PartnerClientCredentials>;
  /** The subject of an account, or null. */
  findUserId(username: string): Promise<string | null>;
}

/** This service's own audit trail: identity's decisions and changes. */
export interface AuditRecorder {
  record(record: AuditRecord): Promise<void>;
}

/** The platform trail: every service's entries, collected from onewindow.audit.v1 and chained again. */
export interface PlatformAuditLog {
  /** Idempotent by source (service, entry id). */
  collect(entry: AuditEntryRecordedData): Promise<void>;
  list(subject: string | undefined, page: { afterId?: string; limit: number }): Promise<AuditEntry[]>;
  verify(): Promise<ChainVerification>;
}

/** A code issued by the authorization endpoint, waiting for its one exchange at the token endpoint. */
export interface PendingAuthorizationCode {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly username: string;
  readonly scopes: readonly string[];
  /** BASE64URL(SHA-256(code_verifier)): only S256 is accepted. */
  readonly codeChallenge: string;
  readonly nonce?: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** A sign-in's refresh token; rotated on every use, the whole session ended on logout. */
export interface RefreshSession {
  readonly token: string;
  readonly sessionId: string;
  readonly clientId: string;
  readonly username: string;
  readonly scopes: readonly string[];
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Codes and refresh tokens of the embedded issuer. `take*` removes what it
 * returns, so a code or a refresh token works once even when two requests
 * race for it.
 */
export interface AuthorizationGrants {
  saveCode(code: PendingAuthorizationCode): Promise<void>;
  takeCode(code: string): Promise<PendingAuthorizationCode | null>;
  saveRefresh(session: RefreshSession): Promise<void>;
  takeRefresh(token: string): Promise<RefreshSession | null>;
  /** Remembers which sign-in a code started until the code would have expired, so a replay can end it. */
  markRedeemed(code: string, sessionId: string, until: number): Promise<void>;
  redeemedSession(code: string): Promise<string | null>;
  endSession(sessionId: string): Promise<void>;
}
