// Calls out through trunks to simulated providers, each on its own loopback
// address: Kamailio checking the trunk's digest (407) and relaying to a SIPp
// callee that echoes media, or SIPp answering 503. What the far end receives
// (number in E.164, caller ID per trunk mode), media both ways, failover, and
// the international dialling policy changed with the CLI while the engine runs.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { OutboundRoute } from '../../../shared/routing';
import { CallFixture } from '../../support/calls/call-fixture';
import { pcapPacketCount } from '../../support/calls/pcap-packets';
import { requestsReceived, statusesReceived } from '../../support/calls/sipp-message-log';
import { captureUdp } from '../../support/calls/udp-capture';
import { waitUntil } from '../../support/peers/wait-until';
import { startCarrier, type Carrier } from '../../support/trunks/carrier';
import { dialtoneIn } from '../../support/trunks/dialtone-run';
import { startProvider, type Provider, type ProviderAddress } from '../../support/trunks/provider-sipp';
import { ADMIN, providerTrunk, removeTrunksAndRoutes } from '../../support/trunks/provider-trunk';

const AUDIO_PACKETS = pcapPacketCount('/usr/share/sip-tester/g711a.pcap');
/** Calls out from a trunk that registers nothing and pings nothing: the provider sees only the calls. */
const CALLS_ONLY = { register: false, qualify: false };
const OFFICE_NUMBER = '+14155550100';

let calls: CallFixture;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  calls = await CallFixture.start({ '1001': 'caller-password-1' });
});
afterEach(async () => {
  await calls.cleanUp();
  await removeTrunksAndRoutes(calls.engine.pbx.handlers);
  await Promise.all(running.splice(0).map((p) => p.stop()));
});
afterAll(() => calls?.stop());

async function carrier(address: ProviderAddress = '127.0.0.2'): Promise<Carrier> {
  const started = await startCarrier(address, calls.makeDir('carrier'));
  running.push(started);
  return started;
}

async function unavailableProvider(address: ProviderAddress): Promise<Provider> {
  const started = await startProvider({ scenario: 'provider-unavailable.xml', address, workDir: calls.makeDir('provider'), timeoutSeconds: 40 });
  running.push(started);
  return started;
}

async function configure(trunks: { name: string; at: { address: string; sipPort: number }; settings?: Record<string, unknown> }[], routes: Omit<OutboundRoute, 'enabled' | 'prepend'>[]): Promise<void> {
  const { handlers } = calls.engine.pbx;
  for (const { name, at, settings } of trunks) await handlers['trunks.create'](providerTrunk(name, at, { ...CALLS_ONLY, ...settings }), ADMIN);
  for (const route of routes) await handlers['routes.saveOutbound']({ route: { ...route, enabled: true, prepend: '' } }, ADMIN);
}

const header = (text: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(text)?.[1];
/** Kamailio's log lines for calls it challenged (407) and let through after checking the digest. */
const challenged = (c: Carrier) => c.provider.output().match(/challenging the call to \S+ \(407\)/g) ?? [];
const authorised = (c: Carrier) => c.provider.output().match(/call from account \S+ to \S+ authorised/g) ?? [];

it('dials a national number: an authenticated INVITE in E.164 with the caller ID in From, media both ways, answered', async () => {
  const far = await carrier();
  await configure([{ name: 'main', at: far.provider }], [{ name: 'national', patterns: ['9|NXXNXXXXXX'], trunks: ['main'], callerId: OFFICE_NUMBER }]);
  const capture = await captureUdp([far.callee.mediaPort]);
  try {
    const caller = await calls.startCaller('1001', { scenario: 'uac-call-audio.xml', service: '94155550123', timeoutSeconds: 30 });
    const [uac, callee] = await Promise.all([caller.result(), far.callee.result()]);
    expect(uac.code, uac.errors || uac.output).toBe(0);
    expect(callee.code, callee.errors || callee.output).toBe(0);

    // The provider challenged the first INVITE and let the second through: its digest was right.
    expect(challenged(far)).toEqual(['challenging the call to +14155550123 (407)']);
    expect(authorised(far)).toEqual(['call from account office-trunk to +14155550123 authorised']);
    // What reached the far end: the number in E.164, and (callerIdMode "from") the route's caller ID as the From user.
    const [invite, ...more] = requestsReceived(callee.messages, 'INVITE');
    expect(more).toEqual([]);
    expect(invite?.startLine).toBe(`INVITE sip:+14155550123@127.0.0.2:${far.provider.sipPort} SIP/2.0`);
    expect(header(invite?.text ?? '', 'From')).toMatch(/^<sip:\+14155550100@127\.0\.0\.2>;tag=/);
    expect(header(invite?.text ?? '', 'P-Asserted-Identity')).toBeUndefined();
    // The caller hung up; the BYE found the far end through the provider (its Record-Route).
    expect(requestsReceived(callee.messages, 'BYE')).toHaveLength(1);

    const record = await calls.record(caller.callId);
    expect(record).toMatchObject({ caller: '1001', callee: '+14155550123', disposition: 'answered', hangupSide: 'caller' });
    // Every packet went to the far end and came back from its echo, on both legs.
    expect(record.callerLeg).toEqual({ packetsReceived: AUDIO_PACKETS, packetsSent: AUDIO_PACKETS, packetsLost: 0 });
    expect(record.calleeLeg).toEqual({ packetsReceived: AUDIO_PACKETS, packetsSent: AUDIO_PACKETS, packetsLost: 0 });
    const wire = await capture.stop();
    expect(wire.filter((d) => d.dstPort === far.callee.mediaPort)).toHaveLength(AUDIO_PACKETS);
    expect(wire.filter((d) => d.srcPort === far.callee.mediaPort)).toHaveLength(AUDIO_PACKETS);
  } finally {
    await capture.stop();
  }
}, 60_000);

it('callerIdMode "pai": From carries the account, P-Asserted-Identity the number', async () => {
  const far = await carrier();
  await configure([{ name: 'main', at: far.provider, settings: { callerIdMode: 'pai' } }], [{ name: 'national', patterns: ['9|NXXNXXXXXX'], trunks: ['main'], callerId: OFFICE_NUMBER }]);
  const caller = await calls.startCaller('1001', { scenario: 'uac-invite.xml', service: '94155550123', pauseMs: 500, timeoutSeconds: 20 });
  const [uac, callee] = await Promise.all([caller.result(), far.callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(callee.code, callee.errors || callee.output).toBe(0);

  const invite = requestsReceived(callee.messages, 'INVITE')[0];
  expect(header(invite?.text ?? '', 'From')).toMatch(/^<sip:office-trunk@127\.0\.0\.2>;tag=/);
  expect(header(invite?.text ?? '', 'P-Asserted-Identity')).toBe('<sip:+14155550100@127.0.0.2>');
  expect(authorised(far)).toHaveLength(1);
  expect(await calls.record(caller.callId)).toMatchObject({ callee: '+14155550123', disposition: 'answered' });
}, 40_000);

it('with a wrong trunk password the call fails after one challenge round, never a digest loop', async () => {
  const far = await carrier();
  const { handlers } = calls.engine.pbx;
  await handlers['trunks.create'](providerTrunk('main', far.provider, CALLS_ONLY, 'not-the-password'), ADMIN);
  await handlers['routes.saveOutbound']({ route: { name: 'national', enabled: true, prepend: '', patterns: ['9|NXXNXXXXXX'], trunks: ['main'] } }, ADMIN);
  const caller = await calls.startCaller('1001', { scenario: 'uac-invite-refused.xml', service: '94155550123', timeoutSeconds: 10 });

  const record = await calls.record(caller.callId);
  const cause = 'Service Unavailable (trunk main refused our credentials: 407)';
  expect(record).toMatchObject({ callee: '+14155550123', disposition: 'failed', hangupCause: `503 ${cause}`, answeredAt: null });
  // The provider's challenge is for our leg: the caller hears that the path failed, not a challenge it cannot answer.
  const uac = await caller.result();
  expect(uac.code, uac.errors || uac.output).toBe(0);
  const finals = uac.messages.filter((m) => m.direction === 'received' && / [3-6]\d\d /.test(m.startLine));
  expect(finals.map((m) => m.startLine)).toEqual(['SIP/2.0 407 Proxy Authentication Required', `SIP/2.0 503 ${cause}`]);
  // The provider challenged the INVITE and then the one wrong answer: nothing more, and nothing reached the far end.
  await waitUntil('the second challenge in the provider log', () => (challenged(far).length >= 2 ? true : undefined), 2_000, 20);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(challenged(far)).toEqual(['challenging the call to +14155550123 (407)', 'challenging the call to +14155550123 (407)']);
  expect(authorised(far)).toEqual([]);
  expect(requestsReceived(far.callee.messages(), 'INVITE')).toEqual([]);
}, 30_000);

it('fails over: the first trunk answers 503, the second takes the call', async () => {
  const down = await unavailableProvider('127.0.0.2');
  const backup = await carrier('127.0.0.3');
  await configure(
    [{ name: 'first', at: down }, { name: 'second', at: backup.provider }],
    [{ name: 'national', patterns: ['9|NXXNXXXXXX'], trunks: ['first', 'second'], callerId: OFFICE_NUMBER }],
  );
  const caller = await calls.startCaller('1001', { scenario: 'uac-invite.xml', service: '94155550123', pauseMs: 500, timeoutSeconds: 20 });
  const [uac, callee] = await Promise.all([caller.result(), backup.callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(callee.code, callee.errors || callee.output).toBe(0);

  expect(down.received('INVITE').map((m) => m.startLine)).toEqual([`INVITE sip:+14155550123@127.0.0.2:${down.sipPort} SIP/2.0`]);
  expect(down.answered('INVITE')).toEqual([100, 503]);
  expect(requestsReceived(callee.messages, 'INVITE').map((m) => m.startLine)).toEqual([`INVITE sip:+14155550123@127.0.0.3:${backup.provider.sipPort} SIP/2.0`]);
  // The caller never hears the first trunk's 503.
  expect(statusesReceived(uac.messages, 'INVITE')).not.toContain(503);
  expect(statusesReceived(uac.messages, 'INVITE').at(-1)).toBe(200);
  expect(await calls.record(caller.callId)).toMatchObject({ callee: '+14155550123', disposition: 'answered' });
}, 40_000);

it('refuses a country outside the allow-list with the reason, and calls it after `dialtone route allow-country`', async () => {
  const far = await carrier();
  await configure([{ name: 'main', at: far.provider }], [{ name: 'abroad', patterns: ['9|011.'], trunks: ['main'], callerId: OFFICE_NUMBER }]);
  const berlin = '9011493012345678';

  const refused = await calls.startCaller('1001', { scenario: 'uac-invite-refused.xml', service: berlin, timeoutSeconds: 20 });
  const denied = await refused.result();
  expect(denied.code, denied.errors || denied.output).toBe(0);
  const answer = denied.messages.find((m) => m.direction === 'received' && m.startLine.startsWith('SIP/2.0 403 '));
  expect(answer?.startLine).toBe('SIP/2.0 403 International calls to Germany (+49) are not allowed from 1001; add DE to the allow-list or let 1001 call abroad.');
  expect(challenged(far)).toEqual([]);
  // The refusal is in the call history, with its reason.
  expect(await calls.record(refused.callId)).toMatchObject({ caller: '1001', callee: berlin, disposition: 'failed', hangupSide: 'system', hangupCause: answer?.startLine.slice('SIP/2.0 '.length), answeredAt: null });

  // The CLI changes the policy in the running engine's store; the next call sees it.
  const cli = await dialtoneIn(calls.engine.dataDir, 'route', 'allow-country', 'de');
  expect(cli.code, cli.output).toBe(0);
  expect(cli.output).toContain('Calls abroad allowed to: DE.');
  try {
    const allowed = await calls.startCaller('1001', { scenario: 'uac-invite.xml', service: berlin, pauseMs: 500, timeoutSeconds: 20 });
    const [uac, callee] = await Promise.all([allowed.result(), far.callee.result()]);
    expect(uac.code, uac.errors || uac.output).toBe(0);
    expect(callee.code, callee.errors || callee.output).toBe(0);
    expect(requestsReceived(callee.messages, 'INVITE')[0]?.startLine).toBe(`INVITE sip:+493012345678@127.0.0.2:${far.provider.sipPort} SIP/2.0`);
    expect(await calls.record(allowed.callId)).toMatchObject({ callee: '+493012345678', disposition: 'answered' });
  } finally {
    await calls.engine.pbx.handlers['routes.setPolicy']({ policy: { internationalAllowList: [], internationalExtensions: [] } }, ADMIN);
  }
}, 60_000);
