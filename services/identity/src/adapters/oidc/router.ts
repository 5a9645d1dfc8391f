import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger } from '@onewindow/kernel';
import {
  approveAuthorization,
  authenticateClient,
  checkAuthorizationRequest,
  endSignIn,
  grantToken,
  INVALID_USER_CREDENTIALS,
  type AuthorizationGrants,
  type ClientRegistry,
  type GrantTokenDeps,
  type SigningKeys,
  type UserDirectory,
} from '../../app/index.js';
import { isRegisteredRedirect } from '../../domain/index.js';
import { presentedClient, type PresentedClient } from './client-auth.js';
import { discoveryDocument, PATHS } from './discovery.js';
import { InMemoryAuthorizationGrants } from './grant-store.js';
import { readForm, sendJson } from './http.js';
import { errorPage, loginLocale, loginPage } from './login-page.js';
import { oauthError } from './oauth-errors.js';

export interface OidcRouterOptions {
  /** Public realm URL, e.g. http://127.0.0.1:8080/realms/onewindow: `iss` of every token and base of every advertised URL. */
  readonly issuer: string;
  /** `aud` of access tokens. Default `onewindow-api`. */
  readonly audience?: string;
  readonly keys: SigningKeys;
  readonly users: UserDirectory;
  readonly clients: ClientRegistry;
  readonly clock: Clock;
  /** Default 300 s, Keycloak's default. */
  readonly accessTokenTtlSec?: number;
  readonly logger: Logger;
  /** Default 16 KiB. */
  readonly maxBodyBytes?: number;
  /** Codes and refresh tokens of the code flow. Default: held in this process. */
  readonly grants?: AuthorizationGrants;
  /** Idle lifetime of a code-flow sign-in. Default 1800 s. */
  readonly refreshTokenTtlSec?: number;
}

/**
 * A request handler with express's middleware signature: mount it with
 * `app.use('/realms/onewindow', router)` (express strips the prefix), or
 * serve it with `http.createServer(router)` (the issuer's path is then
 * stripped here). Unknown paths go to `next` when there is one, else 404.
 */
export type OidcRouter = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };
const PUBLIC_METADATA = { 'cache-control': 'public, max-age=60' };

/**
 * The embedded OIDC issuer: the subset of Keycloak's realm endpoints the
 * platform uses (discovery, JWKS, token with password and client
 * credentials grants), with Keycloak's paths, claims and error bodies.
 */
export function createOidcRouter(options: OidcRouterOptions): OidcRouter {
  const issuer = options.issuer.replace(/\/+$/, '');
  const basePath = new URL(issuer).pathname.replace(/\/+$/, '');
  const realm = basePath.split('/').pop() || 'onewindow';
  const logger = options.logger.child({ component: 'oidc' });
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const deps: GrantTokenDeps = {
    users: options.users,
    clients: options.clients,
    keys: options.keys,
    clock: options.clock,
    issuer,
    audience: options.audience ?? 'onewindow-api',
    accessTokenTtlSec: options.accessTokenTtlSec ?? 300,
    grants: options.grants ?? new InMemoryAuthorizationGrants(options.clock),
    ...(options.refreshTokenTtlSec !== undefined && { refreshTokenTtlSec: options.refreshTokenTtlSec }),
  };
  const grants = deps.grants!;
  const discovery = discoveryDocument(issuer);

  const token: Handler = async (req, res) => {
    let client: PresentedClient | undefined;
    let grantType: string | undefined;
    try {
      const form = await readForm(req, maxBodyBytes);
      grantType = form.get('grant_type');
      client = presentedClient(req.headers.authorization, form);
      const issued = await grantToken(deps, {
        grantType,
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        username: form.get('username'),
        password: form.get('password'),
        scope: form.get('scope'),
        code: form.get('code'),
        redirectUri: form.get('redirect_uri'),
        codeVerifier: form.get('code_verifier'),
        refreshToken: form.get('refresh_token'),
      });
      logger.info({ grantType, clientId: client.clientId, sub: issued.subject }, 'token issued');
      sendJson(
        res,
        200,
        {
          access_token: issued.accessToken,
          expires_in: issued.expiresIn,
          refresh_expires_in: issued.refreshExpiresIn ?? 0,
          ...(issued.refreshToken !== undefined && { refresh_token: issued.refreshToken }),
          token_type: 'Bearer',
          ...(issued.idToken !== undefined && { id_token: issued.idToken }),
          'not-before-policy': 0,
          scope: issued.scope,
        },
        NO_STORE,
      );
    } catch (err) {
      const refusal = oauthError(err);
      if (!refusal) throw err;
      logger.info({ grantType, clientId: client?.clientId, error: refusal.body.error }, 'token refused');
      const headers: Record<string, string> = { ...NO_STORE };
      if (refusal.status === 401 && client?.basic) headers['www-authenticate'] = `Basic realm="${realm}"`;
      if (refusal.status === 413) headers['connection'] = 'close';
      sendJson(res, refusal.status, refusal.body, headers);
    }
  };

  /**
   * The authorization endpoint: GET shows the login page, POST signs in
   * and sends the browser back with a code. Both check the request the same
   * way, since the form carries the request's parameters back.
   */
  const authorize: Handler = async (req, res) => {
    const params =
      req.method === 'POST'
        ? new URLSearchParams([...(await readForm(req, maxBodyBytes))])
        : new URL(req.url ?? '/', 'http://issuer').searchParams;
    const locale = loginLocale(params.get('ui_locales') ?? undefined);
    const given = (name: string) => params.get(name) ?? undefined;
    let check;
    try {
      check = await checkAuthorizationRequest(
        { clients: options.clients, issuer },
        {
          responseType: given('response_type'),
          clientId: given('client_id'),
          redirectUri: given('redirect_uri'),
          scope: given('scope'),
          state: given('state'),
          nonce: given('nonce'),
          codeChallenge: given('code_challenge'),
          codeChallengeMethod: given('code_challenge_method'),
        },
      );
    } catch (err) {
      const refusal = oauthError(err);
      if (!refusal) throw err;
      logger.info({ clientId: given('client_id'), error: refusal.body.error_description }, 'authorization request refused');
      return sendHtml(res, 400, errorPage(locale, refusal.body.error_description));
    }
    if (check.kind === 'refused') return redirect(res, check.location);
    if (req.method !== 'POST') return sendHtml(res, 200, loginPage({ locale, params }));

    const username = given('username') ?? '';
    try {
      const approved = await approveAuthorization(
        { users: options.users, grants, clock: options.clock, issuer },
        check.request,
        { username, password: given('password') ?? '' },
      );
      logger.info({ clientId: check.request.client.clientId, username: approved.username }, 'authorization code issued');
      redirect(res, approved.location);
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === INVALID_USER_CREDENTIALS)) throw err;
      sendHtml(res, 200, loginPage({ locale, params, username, failed: true }));
    }
  };

  /**
   * Logout. POST with the client's refresh token ends that sign-in (the
   * console's way out); GET sends the browser on to a registered
   * post_logout_redirect_uri, as Keycloak's end-session endpoint does.
   */
  const logout: Handler = async (req, res) => {
    if (req.method === 'POST') {
      try {
        const form = await readForm(req, maxBodyBytes);
        const presented = presentedClient(req.headers.authorization, form);
        const client = await authenticateClient(options, presented);
        await endSignIn(deps, client, form.get('refresh_token'));
        logger.info({ clientId: client.clientId }, 'signed out');
        res.writeHead(204, NO_STORE).end();
      } catch (err) {
        const refusal = oauthError(err);
        if (!refusal) throw err;
        sendJson(res, refusal.status, refusal.body, NO_STORE);
      }
      return;
    }
    const params = new URL(req.url ?? '/', 'http://issuer').searchParams;
    const locale = loginLocale(params.get('ui_locales') ?? undefined);
    const target = params.get('post_logout_redirect_uri');
    const client = await options.clients.findByClientId(params.get('client_id') ?? '');
    if (target && client?.enabled && isRegisteredRedirect(client, target)) return redirect(res, target);
    if (target) return sendHtml(res, 400, errorPage(locale, 'Invalid parameter: post_logout_redirect_uri'));
    sendHtml(res, 200, errorPage(locale, locale === 'en' ? 'You are signed out.' : '您已退出登录。'));
  };

  const routes: Readonly<Record<string, { methods: readonly string[]; handle: Handler }>> = {
    [PATHS.discovery]: {
      methods: ['GET', 'HEAD'],
      handle: (_req, res) => sendJson(res, 200, discovery, PUBLIC_METADATA),
    },
    [PATHS.certs]: {
      methods: ['GET', 'HEAD'],
      handle: async (_req, res) => sendJson(res, 200, await options.keys.publicJwks(), PUBLIC_METADATA),
    },
    [PATHS.token]: { methods: ['POST'], handle: token },
    [PATHS.auth]: { methods: ['GET', 'POST'], handle: authorize },
    [PATHS.logout]: { methods: ['GET', 'POST'], handle: logout },
  };

  return (req, res, next) => {
    const route = routes[realmPath(req.url ?? '/', basePath)];
    if (!route) {
      if (next) return next();
      return sendJson(res, 404, { error: 'not_found', error_description: 'Unable to find matching target resource method' });
    }
    if (!route.methods.includes(req.method ?? '')) {
      return sendJson(res, 405, { error: 'invalid_request', error_description: 'HTTP method not allowed' }, {
        allow: route.methods.join(', '),
      });
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((err: unknown) => {
        logger.error({ err }, 'OIDC endpoint failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: 'unexpected error' }, NO_STORE);
        else res.destroy();
      });
  };
}

/** The path relative to the realm root, whether or not a mount already stripped the issuer's path. */
function realmPath(url: string, basePath: string): string {
  const path = url.split('?')[0] ?? '/';
  if (basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`))) return path.slice(basePath.length) || '/';
  return path;
}

/** Pages of the issuer: no scripts, no framing, no caching, no referrer leaking the code. */
const PAGE_HEADERS = {
  ...NO_STORE,
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(html)), ...PAGE_HEADERS });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, ...PAGE_HEADERS });
  res.end();
}
