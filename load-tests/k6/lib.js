// Shared by the k6 scenarios: configuration from the environment, tokens
// (fetched once per virtual user, renewed shortly before they expire), JSON
// calls tagged by step, and polling.
/* global __ENV */
import http from 'k6/http';
import { sleep } from 'k6';

export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:17080').replace(/\/+$/, '');
/** Embedded mode: the realm behind the gateway; cluster mode: Keycloak's realm URL (OIDC_ISSUER). */
export const TOKEN_URL = __ENV.TOKEN_URL || `${BASE_URL}/realms/onewindow/protocol/openid-connect/token`;
export const PASSWORD = __ENV.DEMO_PASSWORD || 'onewindow-demo';
export const USERS = {
  applicant: __ENV.APPLICANT_USER || 'applicant-demo',
  clerk: __ENV.CLERK_USER || 'clerk-demo',
  approver: __ENV.APPROVER_USER || 'approver-demo',
};
/** The item every load case applies for and the materials it needs (see GET /api/v1/catalog/items/{code}). */
export const ITEM_CODE = __ENV.ITEM_CODE || 'SCJG-DJ-001';
export const POLL_MS = Number(__ENV.POLL_MS || 100);
export const WAIT_MS = Number(__ENV.WAIT_MS || 30000);

export const num = (name, fallback) => (__ENV[name] === undefined || __ENV[name] === '' ? fallback : Number(__ENV[name]));

/** Every request of one run carries a unique prefix, so reruns against one data folder never collide on idempotency keys. */
export const RUN_ID = __ENV.RUN_ID || `run-${Date.now().toString(36)}`;

export function login(username) {
  const answer = http.post(
    TOKEN_URL,
    { grant_type: 'password', client_id: 'onewindow-console', username, password: PASSWORD },
    { tags: { name: 'login', step: 'login' } },
  );
  if (answer.status !== 200) throw new Error(`no token for ${username}: ${answer.status} ${answer.body}`);
  const body = answer.json();
  return { token: body.access_token, expiresAt: Date.now() + Number(body.expires_in || 300) * 1000 };
}

/** One token per role, for setup() to hand to every VU. */
export function loginAll(roles) {
  const tokens = {};
  for (const role of roles) tokens[role] = login(USERS[role]);
  return tokens;
}

/**
 * The VU's own tokens: it starts with the ones setup() fetched and renews
 * each one itself a minute or two (jittered, so VUs do not all log in at
 * once) before it expires. No token is fetched per iteration.
 */
export function tokenKeeper(initial) {
  const mine = {};
  return (role) => {
    let t = mine[role];
    if (!t) {
      t = { ...initial[role] };
      t.renewAt = t.expiresAt - 60_000 - Math.random() * 120_000;
      mine[role] = t;
    }
    if (Date.now() >= t.renewAt) {
      const fresh = login(USERS[role]);
      t = { ...fresh, renewAt: fresh.expiresAt - 60_000 - Math.random() * 120_000 };
      mine[role] = t;
    }
    return t.token;
  };
}

/** A JSON call; `step` names the request in the metrics (a tag, so each step has its own latency). */
export function call(method, path, { token, body, headers = {}, step, expect } = {}) {
  const params = {
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    tags: { name: step, step },
    ...(expect ? { responseCallback: http.expectedStatuses(...expect) } : {}),
  };
  const answer = http.request(method, `${BASE_URL}${path}`, body === undefined ? null : JSON.stringify(body), params);
  let json;
  try {
    json = answer.body ? answer.json() : null;
  } catch {
    json = null;
  }
  return { status: answer.status, body: json, duration: answer.timings.duration, raw: answer };
}

/** Polls until `probe` returns a value; undefined after WAIT_MS. */
export function until(probe, waitMs = WAIT_MS) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() >= deadline) return undefined;
    sleep(POLL_MS / 1000);
  }
}

export const trendStats = ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'];
