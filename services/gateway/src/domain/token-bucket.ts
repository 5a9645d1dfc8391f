/**
 * Per-caller rate limiting: a token bucket refilled continuously. Pure: the
 * caller passes the time.
 */
export interface Bucket {
  tokens: number;
  updatedMs: number;
}

export function take(bucket: Bucket | undefined, nowMs: number, ratePerSec: number, burst: number): { bucket: Bucket; allowed: boolean; retryAfterSec: number } {
  const current = bucket ?? { tokens: burst, updatedMs: nowMs };
  const refilled = Math.min(burst, current.tokens + ((nowMs - current.updatedMs) / 1000) * ratePerSec);
  if (refilled >= 1) return { bucket: { tokens: refilled - 1, updatedMs: nowMs }, allowed: true, retryAfterSec: 0 };
  return {
    bucket: { tokens: refilled, updatedMs: nowMs },
    allowed: false,
    retryAfterSec: Math.ceil((1 - refilled) / ratePerSec),
  };
}
