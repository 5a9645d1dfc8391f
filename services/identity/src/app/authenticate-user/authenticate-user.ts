import { unauthenticated } from '@onewindow/kernel';
import { normalizeUsername, type UserAccount } from '../../domain/index.js';
import type { UserDirectory } from '../ports.js';
import { hashSecret, verifySecret } from '../secrets/secret-hash.js';

export interface AuthenticateUserDeps {
  readonly users: UserDirectory;
}

export interface UserCredentials {
  readonly username: string;
  readonly password: string;
}

export const INVALID_USER_CREDENTIALS = 'INVALID_USER_CREDENTIALS';

/** Hashed once per process: unknown usernames cost the same scrypt work as known ones. */
let decoy: Promise<string> | undefined;
const decoyHash = () => (decoy ??= hashSecret('decoy password for unknown users'));

/**
 * Checks a person's password. Unknown user, wrong password and disabled
 * account give the same error after the same work, so answers reveal
 * nothing about which accounts exist.
 */
export async function authenticateUser(deps: AuthenticateUserDeps, credentials: UserCredentials): Promise<UserAccount> {
  const account = await deps.users.findByUsername(normalizeUsername(credentials.username));
  const matches = await verifySecret(credentials.password, account?.passwordHash ?? (await decoyHash()));
  if (!account || !matches || !account.enabled) {
    throw unauthenticated(INVALID_USER_CREDENTIALS, 'Invalid user credentials');
  }
  return account;
}
