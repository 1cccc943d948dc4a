// One set of users, written in the three formats the peers read:
// SIPp injection files, Dialtone's `ext import` CSV and Kamailio's db_text table
// (the format of /work/shared/sip/peers/gen_users.sh).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const userName = (i) => `user${String(i).padStart(5, '0')}`;
const password = (i) => `pw-${String(i).padStart(5, '0')}-xyz`; // Dialtone wants >= 8 characters

const range = (from, count) => Array.from({ length: count }, (_, k) => from + k);

function writeSippCsv(path, indexes) {
  writeFileSync(path, ['SEQUENTIAL', ...indexes.map((i) => `${userName(i)};${password(i)}`), ''].join('\n'));
}

/**
 * Binding users user00000.. are registered once each by the memory test;
 * warm-up users follow them and are only used before the memory baseline.
 */
export function writeUserSet(dir, { bindingUsers, warmupUsers }) {
  mkdirSync(dir, { recursive: true });
  const binding = range(0, bindingUsers);
  const warmup = range(bindingUsers, warmupUsers);
  const all = [...binding, ...warmup];

  const paths = {
    sippBindingUsers: join(dir, 'sipp-binding-users.csv'),
    sippWarmupUsers: join(dir, 'sipp-warmup-users.csv'),
    dialtoneImport: join(dir, 'dialtone-extensions.csv'),
    kamailioDbDir: join(dir, 'kamailio-db'),
  };
  writeSippCsv(paths.sippBindingUsers, binding);
  writeSippCsv(paths.sippWarmupUsers, warmup);
  writeFileSync(paths.dialtoneImport, [...all.map((i) => `${userName(i)},Bench ${i},${password(i)}`), ''].join('\n'));

  mkdirSync(paths.kamailioDbDir, { recursive: true });
  const table = ['key_name(str) key_type(int) value_type(int) key_value(str) expires(int)', ...all.map((i) => `${userName(i)}:0:0:${password(i)}:0`)];
  writeFileSync(join(paths.kamailioDbDir, 'subscriber_ht'), [...table, ''].join('\n'));
  writeFileSync(join(paths.kamailioDbDir, 'version'), 'table_name(str) table_version(int)\nsubscriber_ht:1\n');

  return { ...paths, total: all.length, bindingUsers, warmupUsers };
}
