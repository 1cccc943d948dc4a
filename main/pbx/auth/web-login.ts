import { ContractError } from '../../../shared/errors';
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

/** Signs people in to the web UI: one answer for unknown users and wrong passwords. */
export class WebLogin {
  constructor(
    private readonly users: UserRepository,
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
    const user = this.users.findByUsername(username);
    // verifyPassword runs a full Argon2 verification even for an unknown user.
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!ok || !user) {
      this.guard.recordFailure(source.address);
      this.security.record({ kind: 'auth_failed', service: 'web', proto: source.proto, src: source.address, port: source.port, user: username });
      throw new ContractError('E_UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    this.guard.recordSuccess(source.address);
    const session = this.sessions.open(user.id);
    return { ...session, user: { id: user.id, username: user.username, role: user.role } };
  }
}
