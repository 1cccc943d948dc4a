// The call bench's users, one set for both servers: callers (who dial and
// authenticate their INVITEs) and callees (registered from the SIPp UAS's
// port). Caller i always calls callee i. Written as Dialtone's `ext import`
// CSV, Kamailio's db_text table (format of /work/shared/sip/peers/gen_users.sh)
// and SIPp injection files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const callerNumber = (i) => String(30000 + i);
const calleeNumber = (i) => String(50000 + i);
const password = (number) => `bench-pw-${number}`; // Dialtone wants >= 8 characters

export function writeCallUsers(dir, count) {
  mkdirSync(join(dir, 'kamailio-db'), { recursive: true });
  const indexes = Array.from({ length: count }, (_, i) => i);
  const callers = indexes.map((i) => ({ user: callerNumber(i), password: password(callerNumber(i)), callee: calleeNumber(i) }));
  const callees = indexes.map((i) => ({ user: calleeNumber(i), password: password(calleeNumber(i)) }));
  const everyone = [...callers, ...callees];

  const dialtoneImport = join(dir, 'dialtone-extensions.csv');
  writeFileSync(dialtoneImport, everyone.map(({ user, password: pw }) => `${user},Bench ${user},${pw}\n`).join(''));
  const kamailioDbDir = join(dir, 'kamailio-db');
  const table = ['key_name(str) key_type(int) value_type(int) key_value(str) expires(int)', ...everyone.map(({ user, password: pw }) => `${user}:0:0:${pw}:0`)];
  writeFileSync(join(kamailioDbDir, 'subscriber_ht'), `${table.join('\n')}\n`);
  writeFileSync(join(kamailioDbDir, 'version'), 'table_name(str) table_version(int)\nsubscriber_ht:1\n');
  return { dir, callers, callees, dialtoneImport, kamailioDbDir };
}

/**
 * SIPp injection files for `mediaPorts.length` calls: caller i;password;callee i;media port of its caller side,
 * and for the UAS one media port per line. SIPp hands out lines in order, one per call (SEQUENTIAL), cycling.
 */
export function writeSippCallFiles(dir, users, { callerPorts, calleePorts }) {
  mkdirSync(dir, { recursive: true });
  const uac = join(dir, 'uac.csv');
  const uas = join(dir, 'uas.csv');
  const lines = callerPorts.map((port, i) => {
    const { user, password: pw, callee } = users.callers[i % users.callers.length];
    return `${user};${pw};${callee};${port}`;
  });
  writeFileSync(uac, ['SEQUENTIAL', ...lines, ''].join('\n'));
  writeFileSync(uas, ['SEQUENTIAL', ...calleePorts.map(String), ''].join('\n'));
  return { uac, uas };
}
