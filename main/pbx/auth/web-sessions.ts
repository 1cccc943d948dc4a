import { createHash } from 'node:crypto';
import type { UserRepository, UserRole } from '../store/user-repository';
import type { WebSessionRepository } from '../store/web-session-repository';
import { generateToken } from './generate-secret';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: number;
  username: string;
  role: UserRole;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Sign-in sessions of the web UI, kept in the store so they survive a restart. */
export class WebSessions {
  constructor(
    private readonly sessions: WebSessionRepository,
    private readonly users: UserRepository,
    private readonly now: () => number = Date.now,
  ) {}

  open(userId: number): { token: string; expiresAt: number } {
    const token = generateToken();
    const expiresAt = this.now() + SESSION_TTL_MS;
    this.sessions.create(tokenHash(token), userId, expiresAt);
    return { token, expiresAt };
  }

  resolve(token: string | undefined): SessionUser | undefined {
    if (!token || token.length > 128) return undefined;
    const userId = this.sessions.findUserId(tokenHash(token), this.now());
    if (userId === undefined) return undefined;
    const user = this.users.findById(userId);
    return user && { id: user.id, username: user.username, role: user.role };
  }

  close(token: string): void {
    this.sessions.delete(tokenHash(token));
  }

  purgeExpired(): number {
    return this.sessions.purgeExpired(this.now());
  }
}
