import type { Principal, TokenVerifier } from '@onewindow/auth';
import { unauthenticated } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { cachingVerifier } from '../src/index.js';
import { principalFixture } from './support.js';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const jwt = (claims: Record<string, unknown>, tag = 'sig') =>
  `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${tag}`;

/** A verifier that counts its calls and accepts the tokens in `valid`. */
function countingVerifier(valid: Set<string>): TokenVerifier & { calls: number } {
  const v = {
    calls: 0,
    async verify(token: string): Promise<Principal> {
      v.calls++;
      if (valid.has(token)) return principalFixture({ token });
      throw unauthenticated('TOKEN_INVALID', 'signature does not verify');
    },
  };
  return v;
}

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('cachingVerifier', () => {
  it('checks a token once and trusts it again for maxAgeMs, then checks again', async () => {
    const token = jwt({ exp: T0 / 1000 + 300 });
    const inner = countingVerifier(new Set([token]));
    const c = clock();
    const verifier = cachingVerifier(inner, { maxAgeMs: 30_000, now: c.now });

    expect((await verifier.verify(token)).token).toBe(token);
    c.advance(29_000);
    await verifier.verify(token);
    expect(inner.calls).toBe(1);
    c.advance(2_000);
    await verifier.verify(token);
    expect(inner.calls).toBe(2);
  });

  it('never trusts a token past its exp', async () => {
    const token = jwt({ exp: T0 / 1000 + 5 });
    const valid = new Set([token]);
    const inner = countingVerifier(valid);
    const c = clock();
    const verifier = cachingVerifier(inner, { maxAgeMs: 30_000, now: c.now });
    await verifier.verify(token);

    c.advance(6_000);
    valid.delete(token); // the real verifier now says TOKEN_EXPIRED
    await expect(verifier.verify(token)).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(inner.calls).toBe(2);
  });

  it('does not remember a refusal, nor a token without exp', async () => {
    const token = jwt({ exp: T0 / 1000 + 300 });
    const valid = new Set<string>();
    const inner = countingVerifier(valid);
    const verifier = cachingVerifier(inner, { now: clock().now });
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    valid.add(token);
    await verifier.verify(token);
    expect(inner.calls).toBe(2);

    const noExp = jwt({ sub: 'u' });
    valid.add(noExp);
    await verifier.verify(noExp);
    await verifier.verify(noExp);
    expect(inner.calls).toBe(4);
  });

  it('forgets the oldest token beyond maxEntries', async () => {
    const tokens = ['a', 'b', 'c'].map((t) => jwt({ exp: T0 / 1000 + 300 }, t));
    const inner = countingVerifier(new Set(tokens));
    const verifier = cachingVerifier(inner, { maxEntries: 2, now: clock().now });
    for (const t of tokens) await verifier.verify(t);
    await verifier.verify(tokens[2]!);
    await verifier.verify(tokens[1]!);
    expect(inner.calls).toBe(3);
    await verifier.verify(tokens[0]!);
    expect(inner.calls).toBe(4);
  });

  it('is the plain verifier when maxAgeMs is 0', () => {
    const inner = countingVerifier(new Set());
    expect(cachingVerifier(inner, { maxAgeMs: 0 })).toBe(inner);
  });
});
