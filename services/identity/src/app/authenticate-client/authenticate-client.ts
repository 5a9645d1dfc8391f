import { unauthenticated } from '@onewindow/kernel';
import type { ClientApplication } from '../../domain/index.js';
import type { ClientRegistry } from '../ports.js';
import { verifySecret } from '../secrets/secret-hash.js';

export interface AuthenticateClientDeps {
  readonly clients: ClientRegistry;
}

export interface ClientCredentials {
  readonly clientId?: string;
  readonly clientSecret?: string;
}

export const INVALID_CLIENT = 'INVALID_CLIENT';
export const CLIENT_SECRET_MISSING = 'CLIENT_SECRET_MISSING';

/**
 * Identifies the calling client. A public client is identified by its id
 * alone (any secret it sends is ignored, as Keycloak does); a confidential
 * client must prove its secret.
 */
export async function authenticateClient(
  deps: AuthenticateClientDeps,
  credentials: ClientCredentials,
): Promise<ClientApplication> {
  const client = credentials.clientId ? await deps.clients.findByClientId(credentials.clientId) : null;
  if (!client || !client.enabled) throw unauthenticated(INVALID_CLIENT, 'Invalid client or Invalid client credentials');
  if (client.kind === 'public') return client;
  if (!credentials.clientSecret) throw unauthenticated(CLIENT_SECRET_MISSING, 'Client secret not provided in request');
  if (!client.secretHash || !(await verifySecret(credentials.clientSecret, client.secretHash))) {
    throw unauthenticated(INVALID_CLIENT, 'Invalid client or Invalid client credentials');
  }
  return client;
}
