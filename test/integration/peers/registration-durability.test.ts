import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectContract } from '../../support/peers/contract-client';
import { dialtone, PEER_ADMIN_PASSWORD, serve, type ServeProcess } from '../../support/peers/dialtone-cli';
import { numberedExtensions, writeImportCsv, type TestExtension } from '../../support/peers/extension-files';
import { freeSipPort } from '../../support/peers/free-port';
import { registerWithDigest } from '../../support/peers/digest-exchange';
import { TempDirs } from '../../support/peers/temp-dir';
import { UdpSipClient } from '../../support/peers/udp-sip-client';

const EXTENSIONS = numberedExtensions(4000, 50);

const temp = new TempDirs();
let dataDir: string;
let sipPort: number;
let engine: ServeProcess | undefined;
let client: UdpSipClient | undefined;

beforeAll(async () => {
  dataDir = temp.make('durability-data');
  await dialtone(['ext', 'import', writeImportCsv(temp.make('durability-csv'), EXTENSIONS), '--data-dir', dataDir]);
  // The same port across restarts, as a real install keeps it.
  sipPort = await freeSipPort();
}, 30_000);

afterEach(async () => {
  await Promise.allSettled([client?.close(), engine?.stop()]);
  client = engine = undefined;
});

afterAll(() => temp.removeAll());

/** Every Contact the engine has on record, per extension, asked over the admin contract. */
async function contactsOnRecord(running: ServeProcess): Promise<Map<string, string[]>> {
  const contract = await connectContract(running.webUrl, 'admin', PEER_ADMIN_PASSWORD);
  try {
    const list = await contract.call('extensions.list', {});
    return new Map(list.map((e) => [e.number, e.registrations.map((r) => r.contact)]));
  } finally {
    contract.close();
  }
}

/**
 * Registers every extension at once with a Contact unique to `round`, and
 * sends SIGKILL to the engine in the same event-loop turn as the
 * `killAfter`-th 200 OK arrives. Returns the Contacts of every REGISTER
 * answered with 200, including answers that were already on their way, and
 * any other final answers.
 */
async function burstThenKill(running: ServeProcess, round: number, killAfter: number) {
  const server = { host: '127.0.0.1', port: running.sipPort };
  const phone = await UdpSipClient.open(server);
  client = phone;
  const answered: string[] = [];
  const refused: string[] = [];
  let markKilled = () => {};
  const killed = new Promise<void>((resolve) => (markKilled = resolve));
  const attempts = EXTENSIONS.map(async (extension) => {
    const contactUser = `${extension.number}-round${round}`;
    const { response } = await registerWithDigest(phone, { user: extension.number, password: extension.password, contactUser, server });
    if (response.status !== 200) {
      refused.push(`${extension.number}: ${response.statusLine}`);
      return;
    }
    answered.push(`sip:${contactUser}@127.0.0.1:${phone.local.port}`);
    if (answered.length === killAfter) {
      void running.stop('SIGKILL');
      markKilled();
    }
  });
  await Promise.race([killed, Promise.allSettled(attempts)]);
  const exit = await running.stop('SIGKILL');
  // Datagrams the engine sent before it died are already in our socket's buffer: let them be read.
  await sleep(50);
  await phone.close();
  await Promise.allSettled(attempts);
  return { answered, refused, exit };
}

describe('registrations survive kill -9 of the engine', () => {
  it('keeps a binding whose 200 OK was the last thing the engine sent', async () => {
    engine = await serve(dataDir, { sipPort });
    const [first] = EXTENSIONS as [TestExtension];
    client = await UdpSipClient.open({ host: '127.0.0.1', port: sipPort });
    const { response } = await registerWithDigest(client, { user: first.number, password: first.password, contactUser: 'single', server: { host: '127.0.0.1', port: sipPort } });
    expect(response.statusLine).toBe('SIP/2.0 200 OK');
    expect((await engine.stop('SIGKILL')).signal).toBe('SIGKILL');

    engine = await serve(dataDir, { sipPort });
    expect((await contactsOnRecord(engine)).get(first.number)).toContain(`sip:single@127.0.0.1:${client.local.port}`);
  }, 40_000);

  it('keeps every binding answered with 200 when killed during bursts of 50 registrations', async () => {
    engine = await serve(dataDir, { sipPort });
    // Round 1 kills after the last answer; rounds 2 and 3 in the middle of the burst, with answers in flight.
    for (const [round, killAfter] of [[1, 50], [2, 30], [3, 10]] as const) {
      const { answered, refused, exit } = await burstThenKill(engine, round, killAfter);
      expect(refused).toEqual([]);
      expect(exit.signal).toBe('SIGKILL');
      expect(answered.length).toBeGreaterThanOrEqual(killAfter);

      engine = await serve(dataDir, { sipPort });
      const onRecord = new Set([...(await contactsOnRecord(engine)).values()].flat());
      expect(answered.filter((contact) => !onRecord.has(contact)), `round ${round}: answered 200 but lost`).toEqual([]);
    }
  }, 60_000);
});
