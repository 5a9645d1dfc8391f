import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock, Logger } from '@onewindow/kernel';
import {
  grantToken,
  type ClientRegistry,
  type GrantTokenDeps,
  type SigningKeys,
  type UserDirectory,
} from '../../app/index.js';
import { presentedClient, type PresentedClient } from './client-auth.js';
import { discoveryDocument, PATHS } from './discovery.js';
import { readForm, sendJson } from './http.js';
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
  };
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
      });
      logger.info({ grantType, clientId: client.clientId, sub: issued.subject }, 'token issued');
      sendJson(
        res,
        200,
        {
          access_token: issued.accessToken,
          expires_in: issued.expiresIn,
          refresh_expires_in: 0,
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
