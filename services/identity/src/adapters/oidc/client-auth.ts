import { invalid, unauthenticated } from '@onewindow/kernel';
import { INVALID_CLIENT, INVALID_REQUEST } from '../../app/index.js';

export interface PresentedClient {
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Set when the client used HTTP Basic: a 401 must then carry WWW-Authenticate. */
  readonly basic: boolean;
}

/**
 * The client's credentials from `client_secret_basic` (Authorization:
 * Basic, each part form-urlencoded per RFC 6749 §2.3.1) or
 * `client_secret_post` (form fields). Using both at once is refused.
 */
export function presentedClient(authorization: string | undefined, form: ReadonlyMap<string, string>): PresentedClient {
  const basic = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(authorization ?? '');
  if (!basic) {
    return { clientId: form.get('client_id'), clientSecret: form.get('client_secret'), basic: false };
  }
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthenticated(INVALID_CLIENT, 'Invalid client or Invalid client credentials');
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (form.has('client_secret')) throw invalid(INVALID_REQUEST, 'Multiple client authentication methods used');
  const posted = form.get('client_id');
  if (posted !== undefined && posted !== clientId) throw invalid(INVALID_REQUEST, 'client_id does not match the Authorization header');
  return { clientId, clientSecret, basic: true };
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    throw unauthenticated(INVALID_CLIENT, 'Invalid client or Invalid client credentials');
  }
}
