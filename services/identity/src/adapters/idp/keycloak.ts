import { ROLES } from '@onewindow/auth';
import { conflict, invalid, notFound, unavailable } from '@onewindow/kernel';
import type { IdentityProviderAdmin, StaffAccount } from '../../app/index.js';

/** How the adapter signs in to the admin API: a realm client with realm-management roles, or an administrator of the master realm. */
export type KeycloakAdminCredentials =
  | { readonly kind: 'client'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'password'; readonly username: string; readonly password: string };

export interface KeycloakAdminOptions {
  /** The server's base URL, e.g. http://127.0.0.1:8180 (no /realms/…). */
  readonly baseUrl: string;
  readonly realm: string;
  readonly credentials: KeycloakAdminCredentials;
  readonly timeoutMs?: number;
}

interface TokenAnswer {
  access_token: string;
  expires_in: number;
}

interface RoleRepresentation {
  id: string;
  name: string;
}

const PLATFORM_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * The Keycloak admin REST API behind the provisioning port. Staff get
 * their org attributes (org_unit, agency, hall: admin-editable only in the
 * realm's user profile) and realm roles; partner clients get client
 * credentials, the onewindow-api audience and the partner role on their
 * service account. Credentials come from configuration; there is no default.
 */
export function keycloakIdentityProvider(options: KeycloakAdminOptions): IdentityProviderAdmin {
  const base = options.baseUrl.replace(/\/+$/, '');
  const admin = `${base}/admin/realms/${encodeURIComponent(options.realm)}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now() + 10_000) return token.value;
    const c = options.credentials;
    const realm = c.kind === 'client' ? options.realm : 'master';
    const form: Record<string, string> =
      c.kind === 'client'
        ? { grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret }
        : { grant_type: 'password', client_id: 'admin-cli', username: c.username, password: c.password };
    const answer = await send(`${base}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    if (!answer.ok) throw unavailable('IDP_ADMIN_UNAUTHORIZED', `the identity provider refused the admin credentials (${answer.status})`);
    const body = (await answer.json()) as TokenAnswer;
    token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
    return token.value;
  }

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw unavailable('IDP_UNAVAILABLE', 'the identity provider is not reachable');
    }
  }

  /** One admin call; `taken` names the conflict code a 409 means. */
  async function call(method: string, path: string, body?: unknown, taken?: string): Promise<Response> {
    const answer = await send(`${admin}${path}`, {
      method,
      headers: { authorization: `Bearer ${await accessToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (answer.ok) return answer;
    const text = await answer.text();
    const message = (() => {
      try {
        const parsed = JSON.parse(text) as { errorMessage?: string; error?: string };
        return parsed.errorMessage ?? parsed.error ?? text;
      } catch {
        return text;
      }
    })().slice(0, 200);
    if (answer.status === 409 && taken) throw conflict(taken, message || 'already exists');
    if (answer.status === 404) throw notFound('IDP_NOT_FOUND', `${method} ${path}: not found`);
    if (answer.status === 400) throw invalid('IDP_REJECTED', `the identity provider refused the request: ${message}`);
    if (answer.status === 401 || answer.status === 403) {
      token = undefined;
      throw unavailable('IDP_ADMIN_UNAUTHORIZED', `the admin account may not ${method} ${path} (${answer.status})`);
    }
    throw unavailable('IDP_UNAVAILABLE', `the identity provider failed: ${answer.status}`);
  }

  const idFromLocation = (answer: Response): string => {
    const id = answer.headers.get('location')?.split('/').pop();
    if (!id) throw unavailable('IDP_UNAVAILABLE', 'the identity provider did not say where it created the resource');
    return id;
  };

  async function realmRoles(names: readonly string[]): Promise<RoleRepresentation[]> {
    return Promise.all(names.map(async (name) => (await (await call('GET', `/roles/${encodeURIComponent(name)}`)).json()) as RoleRepresentation));
  }

  /** Makes the user's platform roles exactly `wanted`, leaving Keycloak's own roles (default-roles-*, offline_access) alone. */
  async function setRoles(userId: string, wanted: readonly string[]): Promise<void> {
    const path = `/users/${encodeURIComponent(userId)}/role-mappings/realm`;
    const current = (await (await call('GET', path)).json()) as RoleRepresentation[];
    const remove = current.filter((r) => PLATFORM_ROLES.has(r.name) && !wanted.includes(r.name));
    const add = wanted.filter((name) => !current.some((r) => r.name === name));
    if (remove.length > 0) await call('DELETE', path, remove);
    if (add.length > 0) await call('POST', path, await realmRoles(add));
  }

  const attributesOf = (account: StaffAccount): Record<string, string[]> => ({
    org_unit: account.orgUnit ? [account.orgUnit] : [],
    agency: account.agency ? [account.agency] : [],
    hall: account.hall ? [account.hall] : [],
  });

  async function createUser(representation: Record<string, unknown>, password: string, roles: readonly string[]): Promise<string> {
    const created = await call(
      'POST',
      '/users',
      { ...representation, credentials: [{ type: 'password', value: password, temporary: false }] },
      'USERNAME_TAKEN',
    );
    const id = idFromLocation(created);
    await setRoles(id, roles);
    return id;
  }

  return {
    async createStaffUser(account, initialPassword) {
      const id = await createUser(
        { username: account.username, firstName: account.displayName, enabled: account.enabled, emailVerified: false, attributes: attributesOf(account) },
        initialPassword,
        account.roles,
      );
      return { id };
    },
    async updateStaffUser(id, account) {
      const path = `/users/${encodeURIComponent(id)}`;
      const current = (await (await call('GET', path)).json()) as Record<string, unknown> & { attributes?: Record<string, string[]> };
      await call('PUT', path, {
        ...current,
        firstName: account.displayName,
        enabled: account.enabled,
        attributes: { ...current.attributes, ...attributesOf(account) },
      });
      await setRoles(id, account.roles);
    },
    async createApplicantUser(account, password) {
      const id = await createUser({ username: account.username, firstName: account.displayName, enabled: true }, password, ['applicant']);
      return { id };
    },
    async createPartnerClient({ clientId, name }) {
      const created = await call(
        'POST',
        '/clients',
        {
          clientId,
          name,
          enabled: true,
          protocol: 'openid-connect',
          publicClient: false,
          clientAuthenticatorType: 'client-secret',
          serviceAccountsEnabled: true,
          standardFlowEnabled: false,
          implicitFlowEnabled: false,
          directAccessGrantsEnabled: false,
          protocolMappers: [
            {
              name: 'onewindow-api audience',
              protocol: 'openid-connect',
              protocolMapper: 'oidc-audience-mapper',
              config: { 'included.custom.audience': 'onewindow-api', 'access.token.claim': 'true', 'id.token.claim': 'false' },
            },
          ],
        },
        'CLIENT_ID_TAKEN',
      );
      const uuid = encodeURIComponent(idFromLocation(created));
      const secret = (await (await call('GET', `/clients/${uuid}/client-secret`)).json()) as { value?: string };
      const account = (await (await call('GET', `/clients/${uuid}/service-account-user`)).json()) as { id: string };
      await setRoles(account.id, ['partner']);
      if (!secret.value) throw unavailable('IDP_UNAVAILABLE', 'the identity provider generated no client secret');
      return { clientId, secret: secret.value, subject: account.id };
    },
    async findUserId(username) {
      const found = (await (await call('GET', `/users?exact=true&username=${encodeURIComponent(username)}`)).json()) as { id: string; username: string }[];
      return found.find((u) => u.username === username.toLowerCase())?.id ?? null;
    },
  };
}
