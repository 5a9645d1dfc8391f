import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import { isServiceAccountRole, type ServiceAccountRole } from './roles.js';

export const GRANT_TYPES = ['password', 'client_credentials', 'authorization_code', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/**
 * An OIDC client. Public clients (the web console) cannot keep a secret
 * and sign people in with their password; confidential clients (services,
 * partner platforms) authenticate with a secret and may get tokens for
 * their own service account.
 */
export interface Client {
  /** Stable id; the `sub` of the client's service-account tokens. */
  readonly id: string;
  readonly clientId: string;
  readonly kind: 'public' | 'confidential';
  readonly grants: readonly GrantType[];
  /** Realm roles of the service account (client credentials tokens). */
  readonly serviceAccountRoles: readonly ServiceAccountRole[];
  readonly enabled: boolean;
  /**
   * Where the code flow may send a browser back, compared exactly (no
   * wildcards: a prefix match would let an attacker's page on the same
   * origin receive codes).
   */
  readonly redirectUris?: readonly string[];
}

/** A stored client: confidential ones carry an encoded secret hash, never the secret. */
export type ClientApplication = Client & { readonly secretHash?: string };

const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function allowsGrant(client: Client, grant: GrantType): boolean {
  return client.grants.includes(grant);
}

/** Whether the code flow may redirect to `uri`: an exact match with a registered URI. */
export function isRegisteredRedirect(client: Client, uri: string): boolean {
  return (client.redirectUris ?? []).includes(uri);
}

/** Keycloak names a client's service account so. */
export function serviceAccountUsername(client: Client): string {
  return `service-account-${client.clientId}`;
}

/** Throws `invalid('CLIENT_INVALID')` listing every problem at once. */
export function assertValidClient(client: ClientApplication): void {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!CLIENT_ID.test(client.clientId)) problem('clientId', 'lower-case letters, digits and . _ -, 2 to 64 characters');
  if (client.grants.length === 0) problem('grants', 'at least one grant type');
  for (const role of client.serviceAccountRoles) {
    if (!isServiceAccountRole(role)) problem('serviceAccountRoles', `${String(role)} is not a service-account role`);
  }
  if (allowsGrant(client, 'authorization_code')) {
    const uris = client.redirectUris ?? [];
    if (uris.length === 0) problem('redirectUris', 'the code flow needs at least one redirect URI');
    for (const uri of uris) if (!isAbsoluteHttpUri(uri)) problem('redirectUris', `${uri} is not an absolute http(s) URI without a fragment`);
  }
  if (client.kind === 'public') {
    if (client.secretHash !== undefined) problem('secretHash', 'a public client has no secret');
    if (allowsGrant(client, 'client_credentials')) problem('grants', 'a public client cannot use client credentials');
    if (client.serviceAccountRoles.length > 0) problem('serviceAccountRoles', 'a public client has no service account');
  } else if (!client.secretHash) {
    problem('secretHash', 'a confidential client needs a secret');
  }

  if (problems.length > 0) throw invalid('CLIENT_INVALID', `client ${client.clientId} is not valid`, problems);
}

function isAbsoluteHttpUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hash === '' && !uri.includes('*');
  } catch {
    return false;
  }
}
