import { userInfo } from 'node:os';
import type { Db } from '../store/database';
import type { ExtensionRepository } from '../store/extension-repository';
import type { ExtensionAdmin } from './extension-admin';

const FIRST_NUMBER = 100;

/**
 * The desktop user's own extension, made on the first call from the desktop
 * app (zero-config: nobody types a password on the local machine; its phone
 * registers with a token). The number is remembered, so it stays the same.
 */
export function ensureDesktopExtension(db: Db, extensions: ExtensionRepository, admin: ExtensionAdmin): string {
  const stored = db.prepare<[], { value: string }>("SELECT value FROM engine_state WHERE key = 'desktop_extension'").get()?.value;
  if (stored && extensions.find(stored)) return stored;
  let number = FIRST_NUMBER;
  while (extensions.find(String(number))) number++;
  let name = 'This computer';
  try {
    name = userInfo().username || name;
  } catch {
    // No user name (some containers): keep the generic one.
  }
  admin.create({ number: String(number), name });
  db.prepare("INSERT INTO engine_state (key, value) VALUES ('desktop_extension', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(
    String(number),
  );
  return String(number);
}
