import { describe, expect, it } from 'vitest';
import { exportJWK, importJWK, jwtVerify, SignJWT } from 'jose';
import { ManualClock } from '@onewindow/kernel';
import { InMemorySigningKeyRepository } from '../../testing/in-memory.js';
import { PersistentSigningKeys } from './signing-keys.js';

const MINUTE = 60_000;

function setup() {
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const repository = new InMemorySigningKeyRepository();
  const keys = new PersistentSigningKeys({ repository, clock, cacheTtlMs: 0 });
  return { clock, repository, keys };
}

async function signWith(keys: PersistentSigningKeys): Promise<{ kid: string; token: string }> {
  const key = await keys.current();
  const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: key.alg, kid: key.kid }).sign(key.privateKey);
  return { kid: key.kid, token };
}

async function verifiesAgainstJwks(keys: PersistentSigningKeys, token: string): Promise<boolean> {
  const jwks = await keys.publicJwks();
  for (const jwk of jwks.keys) {
    try {
      await jwtVerify(token, await importJWK(jwk, 'RS256'));
      return true;
    } catch {
      // try the next published key
    }
  }
  return false;
}

describe('PersistentSigningKeys', () => {
  it('generates one key on first use, with its RFC 7638 thumbprint as kid, and persists it', async () => {
    const { repository, keys } = setup();
    const [a, b] = await Promise.all([keys.current(), keys.current()]);
    expect(a.kid).toBe(b.kid);
    expect(a.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await repository.list();
    expect(stored.map((k) => k.id)).toEqual([a.kid]);
    expect(stored[0]!.privateJwk).toHaveProperty('d');
  });

  it('survives a restart: a new instance over the same repository signs with the same key', async () => {
    const { clock, repository, keys } = setup();
    const { kid, token } = await signWith(keys);
    const restarted = new PersistentSigningKeys({ repository, clock });
    expect((await restarted.current()).kid).toBe(kid);
    expect(await verifiesAgainstJwks(restarted, token)).toBe(true);
  });

  it('publishes only public key material', async () => {
    const { keys } = setup();
    const jwks = await keys.publicJwks();
    expect(jwks.keys).toHaveLength(1);
    const [key] = jwks.keys;
    expect(Object.keys(key!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const exported = await exportJWK(await importJWK(key!, 'RS256'));
    expect(exported).not.toHaveProperty('d');
  });

  it('rotates by publishing first, signing later, and unpublishing after the grace period', async () => {
    const { clock, keys } = setup();
    const old = await signWith(keys);
    const { kid: successor } = await keys.rotate();

    expect((await keys.publicJwks()).keys.map((k) => k.kid).sort()).toEqual([old.kid, successor].sort());
    expect((await keys.current()).kid).toBe(old.kid);

    clock.advance(5 * MINUTE);
    expect((await keys.current()).kid).toBe(successor);
    expect(await verifiesAgainstJwks(keys, old.token)).toBe(true);

    clock.advance(60 * MINUTE);
    expect((await keys.publicJwks()).keys.map((k) => k.kid)).toEqual([successor]);
    expect(await verifiesAgainstJwks(keys, old.token)).toBe(false);
  });

  it('sees a rotation done by another replica once its cache expires', async () => {
    const { clock, repository } = setup();
    const replicaA = new PersistentSigningKeys({ repository, clock, cacheTtlMs: MINUTE });
    const replicaB = new PersistentSigningKeys({ repository, clock, cacheTtlMs: MINUTE });
    const first = await replicaA.current();
    expect((await replicaB.current()).kid).toBe(first.kid);

    const { kid: successor } = await replicaA.rotate();
    clock.advance(MINUTE + 1);
    expect((await replicaB.publicJwks()).keys.map((k) => k.kid)).toContain(successor);
    clock.advance(5 * MINUTE);
    expect((await replicaB.current()).kid).toBe(successor);
  });
});
