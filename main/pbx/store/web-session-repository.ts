import type { Db } from './database';

/** Web UI sessions. Only a SHA-256 of each token is stored, so a copy of the file signs nobody in. */
export class WebSessionRepository {
  private readonly insert;
  private readonly select;
  private readonly remove;
  private readonly purge;

  constructor(db: Db) {
    this.insert = db.prepare<[string, number, number, number]>(
      'INSERT INTO web_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    );
    this.select = db.prepare<[string, number], { userId: number }>(
      'SELECT user_id AS userId FROM web_sessions WHERE token_hash = ? AND expires_at > ?',
    );
    this.remove = db.prepare<[string]>('DELETE FROM web_sessions WHERE token_hash = ?');
    this.purge = db.prepare<[number]>('DELETE FROM web_sessions WHERE expires_at <= ?');
  }

  create(tokenHash: string, userId: number, expiresAt: number): void {
    this.insert.run(tokenHash, userId, Date.now(), expiresAt);
  }

  findUserId(tokenHash: string, now: number): number | undefined {
    return this.select.get(tokenHash, now)?.userId;
  }

  delete(tokenHash: string): void {
    this.remove.run(tokenHash);
  }

  purgeExpired(now: number): number {
    return this.purge.run(now).changes;
  }
}
