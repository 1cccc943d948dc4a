import Database from 'better-sqlite3';
import { applyMigrations } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 addon built for another ABI (Electron in development). */
  nativeBinding?: string;
}

/**
 * Opens the store with the pragmas every repository relies on, then migrates it.
 * WAL with synchronous=NORMAL: a committed transaction is in the WAL file before
 * commit returns, so it survives the process being killed (kill -9); only a power
 * loss can drop the last transactions, never corrupt the file.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db);
  return db;
}
