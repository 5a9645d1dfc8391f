import type { Principal, TokenVerifier } from '@onewindow/auth';

export interface VerificationCacheOptions {
  /** Longest a verified token is trusted without checking its signature again; 0 turns the cache off. 30 s. */
  readonly maxAgeMs?: number;
  /** Distinct tokens remembered; the oldest is forgotten first. 10 000. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

const DEFAULT_MAX_AGE_MS = 30_000;
const DEFAULT_MAX_ENTRIES = 10_000;

/** The token's own `exp` (ms), read after the signature was verified; undefined when absent. */
function expiresAt(token: string): number | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = payload && typeof payload === 'object' && 'exp' in payload ? payload.exp : undefined;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers the tokens that verified, so a client calling again and again
 * with one access token (every VU, every service forwarding its caller's
 * token) costs one signature check per `maxAgeMs`, not one per call. An
 * entry never outlives the token's `exp`; failures are never remembered, so
 * a bad or expired token is refused as before. What is given up: a token
 * whose signing key is withdrawn from the issuer stays accepted for at most
 * `maxAgeMs` more (bearer tokens are never revocable before `exp` anyway).
 */
export function cachingVerifier(verifier: TokenVerifier, options: VerificationCacheOptions = {}): TokenVerifier {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  if (maxAgeMs <= 0) return verifier;
  const cache = new Map<string, { principal: Principal; until: number }>();
  return {
    async verify(token) {
      const at = now();
      const hit = cache.get(token);
      if (hit && hit.until > at) return hit.principal;
      if (hit) cache.delete(token);
      const principal = await verifier.verify(token);
      const until = Math.min(at + maxAgeMs, expiresAt(token) ?? at);
      if (until > at) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(token, { principal, until });
      }
      return principal;
    },
  };
}
