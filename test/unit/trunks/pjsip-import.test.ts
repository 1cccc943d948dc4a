import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtensionAdmin } from '../../../main/pbx/extensions/extension-admin';
import { openDatabase } from '../../../main/pbx/store/database';
import { ExtensionRepository } from '../../../main/pbx/store/extension-repository';
import { UserRepository } from '../../../main/pbx/store/user-repository';
import { optionValue, parseAsteriskConfig } from '../../../main/pbx/trunks/pjsip-config-parser';
import { exportPjsip } from '../../../main/pbx/trunks/pjsip-export';
import { callerIdName, importPjsipUsers } from '../../../main/pbx/trunks/pjsip-import';

const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/pjsip/pjsip_users.conf'), 'utf8');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const EXPECTED = [
  { number: '1001', name: 'Front Desk', password: 'Oak-ridge-desk-77' },
  { number: '1002', name: 'Sales Team', password: 'sales;pitch#2024' },
  { number: '1003', name: 'Warehouse "Dock" Phone', password: 'forklift-Bay-9' },
  { number: '1007', name: 'Boardroom', password: 'Board-room-video-1' },
];

describe('importing pjsip_users.conf', () => {
  const result = importPjsipUsers(fixture);

  it('takes every phone with an endpoint, an auth with a password and an aor', () => {
    expect(result.extensions).toEqual(EXPECTED);
  });

  it('says which sections it skipped and why, and skips nothing silently', () => {
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.section, s.reason]));
    expect(reasons).toEqual({
      'line 7': '#include pjsip_custom_users.conf: included files are not read; import them one by one.',
      '[1004] (line 101)': expect.stringMatching(/only a digest \(md5_cred\/password_digest\), not the password/),
      '[1005] (line 116)': 'password: Use a password of at least 8 characters.',
      '[1006] (line 127)': 'auth=1006-auth names an auth section that is not in the file.',
      '[1008] (line 134)': 'its auth username is “maria”, but Dialtone\'s phones sign in with the extension number (1008).',
      '[doorphone] (line 149)': expect.stringMatching(/^the endpoint has no auth=/),
      '[1009] (line 146)': 'no endpoint uses this aor.',
      '[transport-udp-office] (line 159)': 'type=transport is not part of a phone (only endpoint, auth and aor sections are).',
    });
    // The endpoint inside the block comment is not seen at all.
    expect(JSON.stringify(result)).not.toContain('1003-old');
  });

  it('reads the name out of each form of callerid=', () => {
    expect(callerIdName('"Front Desk" <1001>')).toBe('Front Desk');
    expect(callerIdName('Sales Team <1002>')).toBe('Sales Team');
    expect(callerIdName('"A \\"quoted\\" name" <1003>')).toBe('A "quoted" name');
    expect(callerIdName('<1004>')).toBe('');
    expect(callerIdName(undefined)).toBe('');
  });

  it('round-trips through the store: the exported digests are MD5(number:realm:password) of the imported passwords', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'dialtone-pjsip-')), 'test.sqlite'));
    const extensions = new ExtensionRepository(db);
    const admin = new ExtensionAdmin(extensions, 'oakridge.dialtone', new UserRepository(db));
    expect(admin.createMany(result.extensions)).toEqual({ created: 4, generated: [] });

    const exported = exportPjsip([], extensions.list());
    const { sections, problems } = parseAsteriskConfig(exported);
    expect(problems).toEqual([]);
    for (const { number, name, password } of EXPECTED) {
      const auth = sections.find((s) => s.name === number && optionValue(s, 'type') === 'auth');
      const endpoint = sections.find((s) => s.name === number && optionValue(s, 'type') === 'endpoint');
      expect(auth && optionValue(auth, 'md5_cred')).toBe(md5(`${number}:oakridge.dialtone:${password}`));
      expect(auth && optionValue(auth, 'realm')).toBe('oakridge.dialtone');
      expect(callerIdName(endpoint && optionValue(endpoint, 'callerid'))).toBe(name);
    }

    // Read back, the digests cannot become passwords again: every phone is reported, none invented.
    const again = importPjsipUsers(exported);
    expect(again.extensions).toEqual([]);
    expect(again.skipped.map((s) => s.section.split(' ')[0])).toEqual(['[1001]', '[1002]', '[1003]', '[1007]', '[transport-udp]']);
    expect(again.skipped.slice(0, 4).every((s) => s.reason.includes('only a digest'))).toBe(true);
  });

  it('round-trips phones with passwords through an Asterisk file of our own making', () => {
    const written = EXPECTED.map(({ number, name, password }) =>
      [`[${number}]`, 'type=endpoint', `auth=${number}`, `aors=${number}`, `callerid="${name.replace(/"/g, '\\"')}" <${number}>`, `[${number}]`, 'type=auth', `username=${number}`, `password=${password.replace(/;/g, '\\;')}`, `[${number}]`, 'type=aor'].join('\n'),
    ).join('\n\n');
    expect(importPjsipUsers(written)).toEqual({ extensions: EXPECTED, skipped: [] });
  });
});
