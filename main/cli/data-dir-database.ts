import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../pbx/config/data-dir';
import { openDatabase, type Db } from '../pbx/store/database';

/** The store in a data folder, which is created if this is the first thing ever run. */
export function openDataDirDatabase(dataDir: string | undefined): Db {
  const dir = dataDir ?? defaultDataDir();
  mkdirSync(dir, { recursive: true });
  return openDatabase(join(dir, 'dialtone.sqlite'));
}
