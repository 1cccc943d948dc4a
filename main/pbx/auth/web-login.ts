import { ContractError } from '../../../shared/errors';
import { timingSafeEqual } from 'node:crypto';
import { computeHa1 } from '../sip/digest/digest-algorithm';
import type { ExtensionRepository } from '../store/extension-repository';
import type { UserRepository } from '../store/user-repository';
import type { AttemptGuard } from './attempt-guard';
import { verifyPassword } from './password-hash';
import type { SecurityLog } from './security-log';
import type { SessionUser, WebSessions } from './web-sessions';

export interface LoginSource {
  address: string;
  port: number;
  proto: string;
}

export const WRONG_CREDENTIALS = 'Wrong username or password.';

/** True when `password` is the extension's SIP password: its HA1 is all we keep. */
function matchesHa1(extension: { number: string; realm: string; ha1Sha256: string }, password: string): boolean {
  const computed = Buffer.from(computeHa1('SHA-256', extension.number, extension.realm, password));
  const stored = Buffer.from(extension.ha1Sha256);
  return computed.length === stored.length && timingSafeEqual(computed, stored);
}

/**
 * Signs people in to the web UI: administrators with their account, everyone
 * else with their extension number and SIP password (role "user"). One answer
 * for unknown users and wrong passwords, after the same Argon2 work.
 */
export class WebLogin {
  constructor(
    private readonly users: UserRepository,
    private readonly extensions: ExtensionRepository,
    private readonly sessions: WebSessions,
    private readonly guard: AttemptGuard,
    private readonly security: SecurityLog,
  ) {}

  async signIn(username: string, password: string, source: LoginSource): Promise<{ token: string; expiresAt: number; user: SessionUser }> {
    const wait = this.guard.retryAfter(source.address);
    if (wait > 0) {
      this.security.record({ kind: 'auth_locked', service: 'web', proto: source.proto, src: source.address, port: source.port, user: username });
      throw new ContractError('E_RATE_LIMITED', `Too many failed sign-ins from this address. Try again in ${Math.ceil(wait / 1000)} seconds.`);
    }
    const account = this.users.findByUsername(username);
    const admin = account?.role === 'admin' ? account : undefined;
    // verifyPassword runs a full Argon2 verification even without an account, so every path costs the same.
    const adminOk = await verifyPassword(admin?.passwordHash, password);
    const extension = admin ? undefined : this.extensions.find(username);
    const extensionOk = extension !== undefined && matchesHa1(extension, password);
    const user = adminOk ? admin : extensionOk ? this.users.ensureExtensionAccount((extension as { number: string }).number) : undefined;
    if (!user) {
      this.guard.recordFailure(source.address);
      this.security.record({ kind: 'auth_failed', service: 'web', proto: source.proto, src: source.address, port: source.port, user: username });
      throw new ContractError('E_UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    this.guard.recordSuccess(source.address);
    const session = this.sessions.open(user.id);
    return { ...session, user: { id: user.id, username: user.username, role: user.role } };
  }
}
