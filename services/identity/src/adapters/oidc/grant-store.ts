import type { Clock } from '@onewindow/kernel';
import type { AuthorizationGrants, PendingAuthorizationCode, RefreshSession } from '../../app/index.js';

/**
 * The embedded issuer's codes and refresh tokens, held in the identity
 * process: the embedded issuer is one process, and a restart signing
 * everyone out is what a development platform can live with. Entries
 * past their expiry are swept on each write, so the maps stay small.
 */
export class InMemoryAuthorizationGrants implements AuthorizationGrants {
  private readonly codes = new Map<string, PendingAuthorizationCode>();
  private readonly redeemed = new Map<string, { sessionId: string; until: number }>();
  private readonly refresh = new Map<string, RefreshSession>();

  constructor(private readonly clock: Clock) {}

  async saveCode(code: PendingAuthorizationCode): Promise<void> {
    this.sweep();
    this.codes.set(code.code, code);
  }

  async takeCode(code: string): Promise<PendingAuthorizationCode | null> {
    const found = this.codes.get(code) ?? null;
    this.codes.delete(code);
    return found;
  }

  async markRedeemed(code: string, sessionId: string, until: number): Promise<void> {
    this.redeemed.set(code, { sessionId, until });
  }

  async redeemedSession(code: string): Promise<string | null> {
    return this.redeemed.get(code)?.sessionId ?? null;
  }

  async saveRefresh(session: RefreshSession): Promise<void> {
    this.sweep();
    this.refresh.set(session.token, session);
  }

  async takeRefresh(token: string): Promise<RefreshSession | null> {
    const found = this.refresh.get(token) ?? null;
    this.refresh.delete(token);
    return found;
  }

  async endSession(sessionId: string): Promise<void> {
    for (const [token, session] of this.refresh) if (session.sessionId === sessionId) this.refresh.delete(token);
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [key, code] of this.codes) if (code.expiresAt <= now) this.codes.delete(key);
    for (const [key, used] of this.redeemed) if (used.until <= now) this.redeemed.delete(key);
    for (const [key, session] of this.refresh) if (session.expiresAt <= now) this.refresh.delete(key);
  }
}
