import { randomBytes } from 'node:crypto';
import type { Db } from './database';

/**
 * Values the engine picks once and keeps (not settings a person edits). The
 * digest realm is per install, so one HA1 table is useless against another.
 */
export function sipRealm(db: Db): string {
  const existing = db.prepare<[], { value: string }>("SELECT value FROM engine_state WHERE key = 'sip_realm'").get();
  if (existing) return existing.value;
  const realm = `dialtone-${randomBytes(3).toString('hex')}`;
  db.prepare("INSERT OR IGNORE INTO engine_state (key, value) VALUES ('sip_realm', ?)").run(realm);
  return (db.prepare<[], { value: string }>("SELECT value FROM engine_state WHERE key = 'sip_realm'").get() as { value: string }).value;
}
