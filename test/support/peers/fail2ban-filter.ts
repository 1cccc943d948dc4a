import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILTER = join(import.meta.dirname, '..', '..', '..', 'docs', 'fail2ban', 'dialtone.conf');

/** fail2ban's <HOST> tag, as in its filter.d/common defaults: an address or name without spaces. */
const HOST = '(?<host>\\S+)';
const DATE_FIELDS: Record<string, string> = { Y: '\\d{4}', m: '\\d{2}', d: '\\d{2}', H: '\\d{2}', M: '\\d{2}', S: '\\d{2}' };

function setting(conf: string, name: string): string {
  const match = new RegExp(`^${name}\\s*=\\s*(.+)$`, 'm').exec(conf);
  if (!match) throw new Error(`${FILTER} has no ${name}`);
  return (match[1] as string).trim().replaceAll('%%', '%');
}

/**
 * The shipped filter (docs/fail2ban/dialtone.conf) applied the way
 * fail2ban-regex does: the date that `datepattern` finds is cut out of the
 * line, then `failregex` (with <HOST>) must match what is left. Returns the
 * host fail2ban would ban, or undefined. fail2ban itself is not installed here.
 */
export function fail2banHost(line: string): string | undefined {
  const conf = readFileSync(FILTER, 'utf8');
  const date = new RegExp(setting(conf, 'datepattern').replace(/%([YmdHMS])/g, (_, field: string) => DATE_FIELDS[field] as string));
  const failregex = new RegExp(setting(conf, 'failregex').replace('<HOST>', HOST));
  return failregex.exec(line.replace(date, ''))?.groups?.host;
}
