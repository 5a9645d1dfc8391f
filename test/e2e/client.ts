// A small REST client for end-to-end tests: tokens from the realm, JSON calls, polling.
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export class Api {
  /**
   * `tokenUrl` defaults to the realm behind the gateway (embedded mode); in
   * cluster mode tokens come from Keycloak directly: `${OIDC_ISSUER}/protocol/openid-connect/token`.
   */
  constructor(
    readonly baseUrl: string,
    readonly tokenUrl: string = `${baseUrl}/realms/onewindow/protocol/openid-connect/token`,
  ) {}

  async token(username: string, password = 'onewindow-demo'): Promise<string> {
    const answer = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'onewindow-console', username, password }),
    });
    const body = (await answer.json()) as { access_token?: string };
    if (!answer.ok || !body.access_token) throw new Error(`no token for ${username}: ${answer.status} ${JSON.stringify(body)}`);
    return body.access_token;
  }

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const answer = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await answer.text();
    return { status: answer.status, body: (text ? JSON.parse(text) : {}) as T, headers: answer.headers };
  }
}

/** Polls until `probe` returns a value, or fails with the last thing it saw. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
