// `dialtone trunk`, `route` and `pjsip` as a person types them (the built
// CLI on a fresh data folder, no engine running), and `trunk test` against a
// simulated provider's registrar (SIPp checking the digest).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempDirs } from '../../support/peers/temp-dir';
import { dialtoneIn } from '../../support/trunks/dialtone-run';
import { startProvider } from '../../support/trunks/provider-sipp';
import { PROVIDER_ACCOUNT } from '../../support/trunks/provider-trunk';

/** Each test runs the CLI several times (about 0.5 s each; more on a busy machine). */
const CLI_TEST_MS = 90_000;
const temp = new TempDirs();
afterAll(() => temp.removeAll());

/** A data folder with extension 1001 and a trunk "main", ready for routes. */
async function dataDirWithTrunk(): Promise<string> {
  const dir = temp.make('cli-trunks');
  expect((await dialtoneIn(dir, 'ext', 'add', '1001', '--password', 'password-1001')).code).toBe(0);
  const added = await dialtoneIn(dir, 'trunk', 'add', 'main', '--template', 'telnyx', '--field', 'username=office', '--field', 'password=telnyx-secret');
  expect(added.code, added.output).toBe(0);
  return dir;
}

describe('dialtone trunk', { timeout: CLI_TEST_MS }, () => {
  it('lists the templates with their auth type and the fields each needs, with help', async () => {
    const { code, output } = await dialtoneIn(temp.make('cli-trunks'), 'trunk', 'templates');
    expect(code).toBe(0);
    expect(output).toContain('telnyx — Telnyx (username and password; registers; server sip.telnyx.com)');
    expect(output).toContain('custom-ip — Other provider (IP address) (by IP address; does not register; server sip.example.com)');
    expect(output).toMatch(/^ {4}username \(required\): SIP username\. Telnyx Mission Control Portal/m);
    expect(output).toMatch(/^ {4}inboundAddresses \(required\): Addresses calls come from\./m);
  });

  it('refuses a trunk with every field problem on its own line, and stores nothing', async () => {
    const dir = temp.make('cli-trunks');
    const refused = await dialtoneIn(dir, 'trunk', 'add', 'main', '--template', 'telnyx', '--field', 'username=office', '--field', 'pasword=typo', '--setting', 'codecs=PCMU');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('pasword: Telnyx has no field “pasword”. Its fields are: username, password, server, transport, port, outboundCallerId.');
    const missing = await dialtoneIn(dir, 'trunk', 'add', 'main', '--template', 'telnyx', '--field', 'server=sip:x', '--setting', 'register=maybe');
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/^ {2}username: Telnyx needs the SIP username\./m);
    expect(missing.output).toMatch(/^ {2}password: Telnyx needs the SIP password\./m);
    expect(missing.output).toMatch(/^ {2}server: Enter a host name or IP address, without sip: or a port\./m);
    expect(missing.output).toMatch(/^ {2}register: /m);
    expect((await dialtoneIn(dir, 'trunk', 'list')).output).toContain('No trunks yet.');
    const unknown = await dialtoneIn(dir, 'trunk', 'add', 'main', '--template', 'nope');
    expect(unknown.output).toContain('There is no provider template “nope”. Choose one of: telnyx, signalwire');
  });

  it('adds, lists without the password, changes settings and fields, disables and removes', async () => {
    const dir = await dataDirWithTrunk();
    const listed = await dialtoneIn(dir, 'trunk', 'list');
    expect(listed.output).toContain('main  enabled  telnyx  UDP sip.telnyx.com:5060');
    expect(listed.output).toContain('user office, password set; registers every 600 s; codecs PCMU,PCMA,G722; DTMF rfc4733; caller ID in from');
    expect(listed.output).toContain('known only to the running engine');
    expect(listed.output).not.toContain('telnyx-secret');

    const set = await dialtoneIn(dir, 'trunk', 'set', 'main', '--setting', 'codecs=PCMA, PCMU', '--setting', 'callerIdMode=pai', '--setting', 'maxChannels=4', '--field', 'outboundCallerId=+14155550100', '--disable');
    expect(set.code, set.output).toBe(0);
    const changed = (await dialtoneIn(dir, 'trunk', 'list')).output;
    expect(changed).toContain('main  disabled  telnyx');
    // The password was not given again, so it stayed.
    expect(changed).toContain('user office, password set; registers every 600 s; codecs PCMA,PCMU; DTMF rfc4733; caller ID in pai (+14155550100); at most 4 calls');

    const invalid = await dialtoneIn(dir, 'trunk', 'set', 'main', '--setting', 'registrationExpires=5');
    expect(invalid.code).toBe(1);
    expect(invalid.output).toMatch(/registrationExpires: /);
    expect((await dialtoneIn(dir, 'trunk', 'set', 'nope', '--enable')).output).toContain('There is no trunk named nope.');

    expect((await dialtoneIn(dir, 'trunk', 'remove', 'main')).code).toBe(0);
    expect((await dialtoneIn(dir, 'trunk', 'list')).output).toContain('No trunks yet.');
    const again = await dialtoneIn(dir, 'trunk', 'remove', 'main');
    expect(again.code).toBe(1);
    expect(again.output).toContain('There is no trunk named main.');
  });

  it('tests a trunk step by step against the provider: ✓ with the right password, ✗ and the reason with a wrong one', async () => {
    const dir = temp.make('cli-trunks');
    const registrar = await startProvider({
      scenario: 'provider-registrar.xml',
      address: '127.0.0.2',
      workDir: temp.make('provider'),
      keys: { ...PROVIDER_ACCOUNT, granted: '60' },
      timeoutSeconds: 60,
    });
    try {
      const fields = ['--field', 'server=127.0.0.2', '--field', `port=${registrar.sipPort}`, '--field', `username=${PROVIDER_ACCOUNT.user}`];
      await dialtoneIn(dir, 'trunk', 'add', 'good', '--template', 'custom-credential', ...fields, '--field', `password=${PROVIDER_ACCOUNT.password}`);
      await dialtoneIn(dir, 'trunk', 'add', 'bad', '--template', 'custom-credential', ...fields, '--field', 'password=wrong-password');

      const good = await dialtoneIn(dir, 'trunk', 'test', 'good');
      expect(good.code, good.output).toBe(0);
      expect(good.output.trim().split('\n')).toEqual([
        `✓ Found 127.0.0.2 at 127.0.0.2:${registrar.sipPort} (UDP).`,
        '✓ Registered as office-trunk (200 OK).',
        expect.stringMatching(/^✓ The provider answered OPTIONS with 200 OK in \d+ ms\.$/),
        'Trunk good works.',
      ]);

      const bad = await dialtoneIn(dir, 'trunk', 'test', 'bad');
      expect(bad.code).toBe(1);
      expect(bad.output).toContain('✗ Registration failed: 127.0.0.2 refused the username or password (401); check them, then test the trunk.');
      expect(bad.output).toContain('Trunk bad does not work yet.');
      // The provider checked both answers: one accepted, one refused.
      const answers = registrar.received('REGISTER').filter((m) => /^Authorization:/im.test(m.text));
      expect(answers.length).toBeGreaterThanOrEqual(2);
    } finally {
      await registrar.stop();
    }
  });
});

describe('dialtone route', { timeout: CLI_TEST_MS }, () => {
  it('adds routes out in order, refuses bad ones per field, simulates, removes', async () => {
    const dir = await dataDirWithTrunk();
    const national = await dialtoneIn(dir, 'route', 'add', 'national', '--pattern', '9|NXXNXXXXXX', '--pattern', '9|1NXXNXXXXXX', '--trunk', 'main', '--caller-id', '+14155550100');
    expect(national.code, national.output).toBe(0);
    expect((await dialtoneIn(dir, 'route', 'add', 'abroad', '--pattern', '9|011.', '--trunk', 'main', '--position', '1')).code).toBe(0);

    const refused = await dialtoneIn(dir, 'route', 'add', 'bad', '--pattern', '9|Q', '--trunk', 'main', '--caller-id', '555');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/^ {2}patterns: Use digits, X, Z, N/m);
    expect(refused.output).toMatch(/^ {2}callerId: /m);
    const noTrunk = await dialtoneIn(dir, 'route', 'add', 'bad', '--pattern', '9|NXX', '--trunk', 'backup');
    expect(noTrunk.output).toContain('trunks.0: There is no trunk named backup.');

    const listed = (await dialtoneIn(dir, 'route', 'list')).output;
    expect(listed).toContain('1. abroad: 9|011. → main\n  2. national: 9|NXXNXXXXXX 9|1NXXNXXXXXX → main (caller ID +14155550100)');
    expect(listed).not.toContain('bad');

    const simulated = await dialtoneIn(dir, 'route', 'simulate', '1001', '9 (415) 555-0123');
    expect(simulated.output).toContain('Goes out as +14155550123 through main (route "national"), caller ID +14155550100.');
    expect(simulated.output).toContain('94155550123 goes out on route "national" (9|NXXNXXXXXX) through trunk main as +14155550123.');

    expect((await dialtoneIn(dir, 'route', 'remove', 'abroad')).code).toBe(0);
    expect((await dialtoneIn(dir, 'route', 'list')).output).toContain('1. national:');
    expect((await dialtoneIn(dir, 'route', 'remove', 'abroad')).output).toContain('There is no route named abroad.');
  });

  it('lets calls abroad by country or by extension, and simulate explains the refusal', async () => {
    const dir = await dataDirWithTrunk();
    await dialtoneIn(dir, 'route', 'add', 'abroad', '--pattern', '9|011.', '--trunk', 'main');
    const berlin = '9011493012345678';
    const denied = await dialtoneIn(dir, 'route', 'simulate', '1001', berlin);
    expect(denied.output).toContain('Refused with 403.');
    expect(denied.output).toContain('International calls to Germany (+49) are not allowed from 1001; add DE to the allow-list or let 1001 call abroad.');

    expect((await dialtoneIn(dir, 'route', 'allow-country', 'de')).output).toContain('Calls abroad allowed to: DE.');
    expect((await dialtoneIn(dir, 'route', 'simulate', '1001', berlin)).output).toContain('It is an international call to Germany, allowed because DE is on the allow-list.');
    expect((await dialtoneIn(dir, 'route', 'deny-country', 'DE')).output).toContain('Calls abroad allowed to: no country.');

    expect((await dialtoneIn(dir, 'route', 'allow-abroad', '1001')).output).toContain('Extensions that may call any country: 1001.');
    expect((await dialtoneIn(dir, 'route', 'simulate', '1001', berlin)).output).toContain('allowed because 1001 may call abroad');
    const unknown = await dialtoneIn(dir, 'route', 'allow-abroad', '2002');
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('internationalExtensions: There is no extension 2002.');
    const country = await dialtoneIn(dir, 'route', 'allow-country', 'Germany');
    expect(country.code).toBe(1);
  });

  it('maps DIDs to extensions, per trunk or for any trunk, and removes them', async () => {
    const dir = await dataDirWithTrunk();
    expect((await dialtoneIn(dir, 'route', 'inbound', 'add', '+14155550100', '--extension', '1001')).output).toContain('Calls to +14155550100 ring extension 1001.');
    expect((await dialtoneIn(dir, 'route', 'inbound', 'add', '*', '--extension', '1001', '--trunk', 'main')).code).toBe(0);
    const refused = await dialtoneIn(dir, 'route', 'inbound', 'add', '4155550100', '--extension', '1009');
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('did: Use an E.164 number such as +14155550100, or * for every other number.');
    expect((await dialtoneIn(dir, 'route', 'inbound', 'add', '+14155550101', '--extension', '1009')).output).toContain('There is no extension 1009.');

    const listed = (await dialtoneIn(dir, 'route', 'inbound', 'list')).output;
    expect(listed).toContain('* → extension 1001 (from trunk main)');
    expect(listed).toContain('+14155550100 → extension 1001 (from any trunk)');

    expect((await dialtoneIn(dir, 'route', 'inbound', 'remove', '*')).output).toContain('There is no inbound route for * from any trunk.');
    expect((await dialtoneIn(dir, 'route', 'inbound', 'remove', '*', '--trunk', 'main')).code).toBe(0);
    expect((await dialtoneIn(dir, 'route', 'inbound', 'list')).output).not.toContain('* →');
  });
});

describe('dialtone pjsip', { timeout: CLI_TEST_MS }, () => {
  it('exports trunks and extensions, to a file only this user can read', async () => {
    const dir = await dataDirWithTrunk();
    const printed = await dialtoneIn(dir, 'pjsip', 'export');
    expect(printed.code).toBe(0);
    expect(printed.output).toContain('; pjsip.conf written by Dialtone.');
    expect(printed.output).toMatch(/^\[main\]\ntype=registration$/m);
    expect(printed.output).toMatch(/^\[1001\]\ntype=endpoint$/m);

    const file = join(dir, 'pjsip.conf');
    expect((await dialtoneIn(dir, 'pjsip', 'export', '--out', file)).output).toContain(`Wrote ${file}.`);
    expect(readFileSync(file, 'utf8')).toBe(printed.output);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('imports the phones of a pjsip_users.conf and says why each other section was skipped', async () => {
    const dir = temp.make('cli-trunks');
    const users = join(dir, 'pjsip_users.conf');
    writeFileSync(
      users,
      [
        '[2001]\ntype=endpoint\nauth=2001-auth\naors=2001\ncallerid="Front Desk" <2001>',
        '[2001-auth]\ntype=auth\nauth_type=userpass\nusername=2001\npassword=front-desk-pw',
        '[2001]\ntype=aor\nmax_contacts=2',
        '[provider]\ntype=endpoint\naors=provider',
        '[provider]\ntype=aor\ncontact=sip:203.0.113.10',
      ].join('\n\n'),
    );
    const imported = await dialtoneIn(dir, 'pjsip', 'import', users);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain('Created 1 extension: 2001.');
    expect(imported.output).toContain('[provider] (line 17): the endpoint has no auth= (no inbound authentication): a trunk or an open endpoint, not a phone.');
    expect((await dialtoneIn(dir, 'ext', 'list')).output).toMatch(/2001\s+Front Desk/);

    // All or nothing: the same file again would create 2001 twice.
    const again = await dialtoneIn(dir, 'pjsip', 'import', users);
    expect(again.code).toBe(1);
    expect(again.output).toContain('These extensions exist already: 2001. Nothing was imported.');
  });
});
