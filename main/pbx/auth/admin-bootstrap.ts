import type { UserRepository } from '../store/user-repository';
import { generatePassword } from './generate-secret';
import { hashPassword } from './password-hash';

export const ADMIN_USERNAME = 'admin';

/**
 * The API never runs open: on first start the engine creates the admin account.
 * Returns the new password so the caller can show it once, or undefined when an
 * admin already exists.
 */
export async function ensureAdminAccount(users: UserRepository, initialPassword?: string): Promise<string | undefined> {
  if (users.adminCount() > 0) return undefined;
  const password = initialPassword ?? generatePassword();
  users.create(ADMIN_USERNAME, await hashPassword(password), 'admin');
  return password;
}
