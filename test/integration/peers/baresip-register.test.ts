import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { startBaresip, type Baresip } from '../../support/peers/baresip';
import { connectContract, type ContractClient } from '../../support/peers/contract-client';
import { dialtone, PEER_ADMIN_PASSWORD, serve, type ServeProcess } from '../../support/peers/dialtone-cli';
import { fail2banHost } from '../../support/peers/fail2ban-filter';
import { TempDirs } from '../../support/peers/temp-dir';
import { waitUntil } from '../../support/peers/wait-until';

const PASSWORDS: Record<string, string> = { '1001': 'baresip-1001-pw', '1002': 'baresip-1002-pw', '1003': 'baresip-1003-pw' };

const temp = new TempDirs();
const phones: Baresip[] = [];
let engine: ServeProcess;
let contract: ContractClient;

beforeAll(async () => {
  const dataDir = temp.make('baresip-data');
  for (const [number, password] of Object.entries(PASSWORDS)) await dialtone(['ext', 'add', number, '--password', password, '--data-dir', dataDir]);
  engine = await serve(dataDir);
  contract = await connectContract(engine.webUrl, 'admin', PEER_ADMIN_PASSWORD);
}, 60_000);

afterEach(async () => {
  await Promise.all(phones.splice(0).map((phone) => phone.process.stop()));
});

afterAll(async () => {
  contract?.close();
  await engine?.stop();
  temp.removeAll();
});

async function startPhone(user: string, password: string): Promise<Baresip> {
  const phone = await startBaresip(temp.make('baresip-config'), { user, password, registrar: { host: '127.0.0.1', port: engine.sipPort } });
  phones.push(phone);
  return phone;
}

async function registrationsOf(number: string) {
  const list = await contract.call('extensions.list', {});
  return list.find((e) => e.number === number)?.registrations ?? [];
}

function securityLogLines(): string[] {
  const file = join(engine.dataDir, 'logs', 'security.log');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : [];
}

/**
 * baresip 1.0's SIP library (libre) gives up with ENOSYS ("Function not
 * implemented") when any challenge in a 401 names an algorithm other than
 * MD5, even after an MD5 one, so it cannot register against the default
 * offer (MD5, SHA-256). Offering MD5 only is the admin's way out.
 */
describe('baresip registers with digest authentication', () => {
  it('registers with the right password, and the engine shows the binding with baresip as User-Agent', async () => {
    const phone = await startPhone('1001', PASSWORDS['1001'] as string);

    const [binding, ...others] = await waitUntil('a binding for 1001', async () => {
      const registrations = await registrationsOf('1001');
      return registrations.length > 0 ? registrations : undefined;
    }, 10_000);
    expect(others).toEqual([]);
    expect(binding).toMatchObject({ protocol: 'UDP', source: `127.0.0.1:${phone.sipPort}`, userAgent: expect.stringMatching(/^baresip v1\./) });
    // baresip's Contact user is its own (user-0x…), not the account's (shared/sip/README.md).
    expect(binding?.contact).toMatch(new RegExp(`^sip:1001-0x[0-9a-f]+@127\\.0\\.0\\.1:${phone.sipPort}`));
    expect(binding?.expiresAt).toBeGreaterThan(Date.now() + 500_000);

    // baresip agrees: it saw the 200 and lists the registration as OK.
    await phone.process.waitFor(/1001@127\.0\.0\.1: \{0\/UDP\/v4\} 200 OK \(Dialtone\) \[1 binding\]/, 5_000);
    expect(await phone.reginfo()).toMatch(/sip:1001@127\.0\.0\.1:\d+\s+\S*OK/);
    // The challenge round before the credentials is not a failure: nothing is logged for 1001.
    expect(securityLogLines().filter((line) => line.includes('user="1001"'))).toEqual([]);
  }, 30_000);

  it('does not register with a wrong password, and logs auth_failed with its address for fail2ban', async () => {
    const phone = await startPhone('1002', 'not-the-password');

    const line = await waitUntil('an auth_failed line for 1002', () => securityLogLines().find((l) => l.includes('user="1002"')), 10_000);
    expect(line).toMatch(new RegExp(`^\\S+ dialtone security: event=auth_failed service=sip proto=udp src=127\\.0\\.0\\.1 port=${phone.sipPort} user="1002" method=REGISTER$`));
    expect(fail2banHost(line)).toBe('127.0.0.1');

    // baresip retries a rejected password quickly; after ten tries the lockout answers 403.
    await phone.process.waitFor(/sip:1002@127\.0\.0\.1:\d+: (401 Unauthorized|403 Forbidden)/, 5_000);
    expect(await phone.reginfo()).toMatch(/sip:1002@127\.0\.0\.1:\d+\s+\S*ERR/);
    expect(await registrationsOf('1002')).toEqual([]);
  }, 30_000);

  // baresip (libre) gives up when any challenge names an algorithm it lacks,
  // even after an MD5 one: the reason the default offer is MD5 alone.
  it('registers with the default digest offer', async () => {
    await contract.call('settings.update', { sipDigestAlgorithms: DEFAULT_SETTINGS.sipDigestAlgorithms });
    const phone = await startPhone('1003', PASSWORDS['1003'] as string);
    // baresip's first verdict on the registration: "200 OK" or why it gave up.
    const [verdict] = await phone.process.waitFor(/1003@127\.0\.0\.1[^\n]*: (?:\{0\/UDP\/v4\} 200 OK|Register: .*)/, 8_000);
    expect(verdict).toContain('200 OK');
  }, 30_000);
});
