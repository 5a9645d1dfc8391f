import { describe, expect, it } from 'vitest';
import { take } from './token-bucket.js';

describe('token bucket', () => {
  it('allows a burst, then refuses until tokens refill', () => {
    let bucket;
    for (let i = 0; i < 3; i++) {
      const r = take(bucket, 0, 1, 3);
      expect(r.allowed).toBe(true);
      bucket = r.bucket;
    }
    const refused = take(bucket, 0, 1, 3);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSec).toBe(1);
    expect(take(refused.bucket, 1000, 1, 3).allowed).toBe(true);
  });

  it('never holds more than the burst', () => {
    const r = take({ tokens: 0, updatedMs: 0 }, 3_600_000, 10, 5);
    expect(r.bucket.tokens).toBe(4);
  });
});
