// A new user's first day, through the CLI only: an extension, a trunk to
// their provider (Kamailio checking digest, with a SIPp far end behind it),
// a route, `dialtone serve`; the engine registers the trunk (seen over the
// contract, as the web UI sees it), a phone calls out through it, and a
// `trunk set --disable` typed while the engine runs reaches it.
import { afterAll, expect, it } from 'vitest';
import { freeUdpPorts } from '../../support/calls/free-udp-ports';
import { requestsReceived } from '../../support/calls/sipp-message-log';
import { startSipp } from '../../support/calls/sipp-peer';
import { connectContract } from '../../support/peers/contract-client';
import { PEER_ADMIN_PASSWORD, serve, type ServeProcess } from '../../support/peers/dialtone-cli';
import { freeSipPort } from '../../support/peers/free-port';
import { TempDirs } from '../../support/peers/temp-dir';
import { waitUntil } from '../../support/peers/wait-until';
import { startCarrier, type Carrier } from '../../support/trunks/carrier';
import { dialtoneIn } from '../../support/trunks/dialtone-run';
import { PROVIDER_ACCOUNT } from '../../support/trunks/provider-trunk';

const temp = new TempDirs();
let carrier: Carrier | undefined;
let engine: ServeProcess | undefined;
afterAll(async () => {
  await engine?.stop();
  await carrier?.stop();
  temp.removeAll();
});

async function typed(dataDir: string, ...args: string[]): Promise<string> {
  const { code, output } = await dialtoneIn(dataDir, ...args);
  expect(code, `dialtone ${args.join(' ')}:\n${output}`).toBe(0);
  return output;
}

it('ext add, trunk add, route add, serve: the trunk registers and a call goes out through it', async () => {
  const dataDir = temp.make('new-user');
  carrier = await startCarrier('127.0.0.2', temp.make('carrier'));
  const { provider } = carrier;

  await typed(dataDir, 'ext', 'add', '1001', '--password', 'front-desk-pw-1');
  await typed(dataDir, 'trunk', 'add', 'office', '--template', 'custom-credential',
    '--field', `server=${provider.address}`, '--field', `port=${provider.sipPort}`,
    '--field', `username=${PROVIDER_ACCOUNT.user}`, '--field', `password=${PROVIDER_ACCOUNT.password}`,
    '--setting', 'registrationExpires=60');
  await typed(dataDir, 'route', 'add', 'national', '--pattern', '9|NXXNXXXXXX', '--trunk', 'office', '--caller-id', '+14155550100');
  // Before the engine runs: the trunk test registers from the CLI's own port and pings.
  expect(await typed(dataDir, 'trunk', 'test', 'office')).toContain('✓ Registered as office-trunk (200 OK).');

  engine = await serve(dataDir);
  const contract = await connectContract(engine.webUrl, 'admin', PEER_ADMIN_PASSWORD);
  try {
    const registered = await waitUntil('trunk office registered', async () => {
      const status = (await contract.call('trunks.list', {})).statuses.find((s) => s.name === 'office');
      return status?.state === 'registered' ? status : undefined;
    }, 10_000, 200);
    expect(registered).toMatchObject({ detail: `registered with ${provider.address}`, lastResponse: '200 OK' });

    const workDir = temp.make('phone');
    const phone = startSipp({
      scenario: 'uac-invite.xml', workDir, sipPort: await freeSipPort(), mediaPort: await freeUdpPorts(4),
      remote: { host: '127.0.0.1', port: engine.sipPort }, service: '94155550123',
      caller: { number: '1001', password: 'front-desk-pw-1' }, pauseMs: 500, timeoutSeconds: 20,
    });
    const [call, farEnd] = await Promise.all([phone.result(), carrier.callee.result()]);
    expect(call.code, call.errors || call.output).toBe(0);
    expect(farEnd.code, farEnd.errors || farEnd.output).toBe(0);
    expect(requestsReceived(farEnd.messages, 'INVITE')[0]?.startLine).toBe(`INVITE sip:+14155550123@${provider.address}:${provider.sipPort} SIP/2.0`);
    expect(provider.output()).toContain('call from account office-trunk to +14155550123 authorised');
    const [record] = await contract.call('calls.history', { limit: 1 });
    expect(record).toMatchObject({ caller: '1001', callee: '+14155550123', disposition: 'answered' });

    // Typed while the engine runs: the engine applies it within a few seconds (PRAGMA data_version).
    await typed(dataDir, 'trunk', 'set', 'office', '--disable');
    const disabled = await waitUntil('trunk office disabled in the engine', async () => {
      const status = (await contract.call('trunks.list', {})).statuses.find((s) => s.name === 'office');
      return status?.state === 'disabled' ? status : undefined;
    }, 6_000, 200);
    expect(disabled.detail).toBe('turned off');
  } finally {
    contract.close();
  }
}, 90_000);
