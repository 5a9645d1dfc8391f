/**
 * Who is calling, as every service sees it after verifying an access token
 * issued by the identity provider (Keycloak, or the embedded issuer that
 * speaks Keycloak's paths and claims).
 */
export const ROLES = [
  'applicant',
  'clerk',
  'approver',
  'section_chief',
  'agency_head',
  'supervisor',
  'hall_admin',
  'platform_admin',
  'partner',
  'service',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's `sub`: a user id, or a client's service-account id. */
  readonly subject: string;
  readonly username: string;
  readonly displayName?: string;
  readonly roles: readonly Role[];
  /** Division code of the org unit the staff member sits in. */
  readonly orgUnit?: string;
  readonly agency?: string;
  readonly hall?: string;
  /** The OIDC client the token was issued to (`azp`). */
  readonly clientId: string;
  /** The raw token, forwarded on gRPC calls made on the caller's behalf. */
  readonly token: string;
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}
