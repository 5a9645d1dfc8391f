import { invalid } from '@onewindow/kernel';

export const INVALID_SCOPE = 'INVALID_SCOPE';
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email'] as const;
/** What Keycloak grants a client by default; `openid` only when asked. */
const DEFAULT_SCOPES = ['profile', 'email'] as const;

export function grantedScopes(requested: string | undefined): string[] {
  const asked = (requested ?? '').split(' ').filter(Boolean);
  const unknown = asked.filter((s) => !(SUPPORTED_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw invalid(INVALID_SCOPE, `Invalid scopes: ${unknown.join(' ')}`);
  return [...(asked.includes('openid') ? ['openid'] : []), ...DEFAULT_SCOPES];
}
