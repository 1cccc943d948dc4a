import type { Db } from './database';

export type UserRole = 'admin' | 'user';

export interface UserRow {
  id: number;
  username: string;
  passwordHash: string;
  role: UserRole;
}

/** Accounts that sign in to the web UI. Only Argon2id hashes are stored. */
export class UserRepository {
  private readonly byName;
  private readonly byId;
  private readonly insert;
  private readonly setHash;
  private readonly countAdmins;
  private readonly deleteUser;

  constructor(db: Db) {
    const columns = 'id, username, password_hash AS passwordHash, role';
    this.byName = db.prepare<[string], UserRow>(`SELECT ${columns} FROM users WHERE username = ?`);
    this.byId = db.prepare<[number], UserRow>(`SELECT ${columns} FROM users WHERE id = ?`);
    this.insert = db.prepare<[string, string, UserRole, number]>(
      'INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)',
    );
    this.setHash = db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE username = ?');
    this.deleteUser = db.prepare<[string]>("DELETE FROM users WHERE username = ? AND role = 'user'");
    this.countAdmins = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin'");
  }

  findByUsername(username: string): UserRow | undefined {
    return this.byName.get(username);
  }

  findById(id: number): UserRow | undefined {
    return this.byId.get(id);
  }

  create(username: string, passwordHash: string, role: UserRole): number {
    return Number(this.insert.run(username, passwordHash, role, Date.now()).lastInsertRowid);
  }

  setPasswordHash(username: string, passwordHash: string): boolean {
    return this.setHash.run(passwordHash, username).changes === 1;
  }

  /**
   * The account behind an extension's web sessions: role "user", no password
   * of its own (it signs in with the extension's SIP password).
   */
  ensureExtensionAccount(number: string): UserRow {
    const existing = this.findByUsername(number);
    if (existing) return existing;
    this.create(number, '!extension', 'user');
    return this.findByUsername(number) as UserRow;
  }

  /** Removes an extension's account, and with it (ON DELETE CASCADE) its sessions. */
  deleteExtensionAccount(number: string): void {
    this.deleteUser.run(number);
  }

  adminCount(): number {
    return this.countAdmins.get()?.n ?? 0;
  }
}
