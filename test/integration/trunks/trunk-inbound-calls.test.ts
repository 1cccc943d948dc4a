// Calls a provider sends in: SIPp playing the provider from the trunk
// server's own address calls a DID; the engine knows it by that address, so
// it does not challenge it, and rings the extension the inbound route names
// (a SIPp UAS registered as that extension).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { CallFixture } from '../../support/calls/call-fixture';
import { waitUntil } from '../../support/peers/wait-until';
import { requestsReceived, statusesReceived } from '../../support/calls/sipp-message-log';
import { startProvider, type Provider } from '../../support/trunks/provider-sipp';
import { ADMIN, providerTrunk, removeTrunksAndRoutes } from '../../support/trunks/provider-trunk';

let calls: CallFixture;
const providers: Provider[] = [];

beforeAll(async () => {
  calls = await CallFixture.start({ '1002': 'callee-password-2' });
});
afterEach(async () => {
  await calls.cleanUp();
  await removeTrunksAndRoutes(calls.engine.pbx.handlers);
  await Promise.all(providers.splice(0).map((p) => p.stop()));
});
afterAll(() => calls?.stop());

/** The provider calling `did` from its own address, once. */
async function providerCall(did: string): Promise<Provider> {
  const started = await startProvider({
    scenario: 'provider-inbound-call.xml',
    address: '127.0.0.2',
    workDir: calls.makeDir('provider'),
    keys: { caller: '+12125550199' },
    call: { remote: calls.sip, service: did },
    timeoutSeconds: 20,
  });
  providers.push(started);
  return started;
}

it('an INVITE from the provider to a DID rings the mapped extension, without a challenge', async () => {
  const { handlers } = calls.engine.pbx;
  // The trunk's server is the provider's address; its port does not matter for recognising calls in.
  await handlers['trunks.create'](providerTrunk('main', { address: '127.0.0.2', sipPort: 5060 }, { register: false, qualify: false }), ADMIN);
  await handlers['routes.saveInbound']({ route: { did: '+14155550100', destination: { type: 'extension', number: '1002' } } }, ADMIN);
  const phone = await calls.startCallee('1002', { scenario: 'uas-answer.xml', timeoutSeconds: 20 });

  const provider = await providerCall('+14155550100');
  const [exit, callee] = await Promise.all([provider.process.exited, phone.result()]);
  expect(exit.code, provider.errors() || provider.process.output()).toBe(0);
  expect(callee.code, callee.errors || callee.output).toBe(0);

  // Not challenged: the provider's INVITE went straight to ringing and answer.
  const answers = statusesReceived(provider.messages(), 'INVITE');
  expect(answers).not.toContain(401);
  expect(answers).not.toContain(407);
  expect(answers.at(-1)).toBe(200);
  // The phone of 1002 rang, with the provider's caller in From.
  const [invite] = requestsReceived(callee.messages, 'INVITE');
  expect(invite?.text).toMatch(/^From:.*<sip:\+12125550199@/im);

  const record = await calls.record((r) => r.callee === '1002');
  expect(record).toMatchObject({ caller: '+12125550199', callee: '1002', disposition: 'answered', hangupSide: 'caller' });
}, 40_000);

it('a provider that Record-Routes its call in through an edge proxy gets the phone’s BYE at that proxy, not where the INVITE came from', async () => {
  const { handlers } = calls.engine.pbx;
  await handlers['trunks.create'](providerTrunk('main', { address: '127.0.0.2', sipPort: 5060 }, { register: false, qualify: false }), ADMIN);
  await handlers['routes.saveInbound']({ route: { did: '+14155550100', destination: { type: 'extension', number: '1002' } } }, ADMIN);
  const phone = await calls.startCallee('1002', { scenario: 'uas-answer-then-bye.xml', pauseMs: 1_000, timeoutSeconds: 20 });
  const edge = await startProvider({ scenario: 'provider-edge-bye.xml', address: '127.0.0.3', workDir: calls.makeDir('edge'), timeoutSeconds: 20 });
  providers.push(edge);
  const gateway = await startProvider({
    scenario: 'provider-inbound-call-via-edge.xml',
    address: '127.0.0.2',
    workDir: calls.makeDir('gateway'),
    keys: { caller: '+12125550199', edge: `${edge.address}:${edge.sipPort}` },
    call: { remote: calls.sip, service: '+14155550100' },
    timeoutSeconds: 20,
  });
  providers.push(gateway);

  const [exit, callee] = await Promise.all([gateway.process.exited, phone.result()]);
  // The gateway got no BYE (it would be unexpected there); the edge got it and answered 200.
  expect(exit.code, gateway.errors() || gateway.process.output()).toBe(0);
  expect(callee.code, callee.errors || callee.output).toBe(0);
  await waitUntil('the BYE at the edge', () => (edge.answered('BYE').length > 0 ? true : undefined), 5_000);
  const [bye] = edge.received('BYE');
  // Loose routing: the Request-URI is the gateway's Contact, the Route the edge (RFC 3261 §12.2.1.1).
  expect(bye?.startLine).toBe(`BYE sip:+12125550199@127.0.0.2:${gateway.sipPort};transport=UDP SIP/2.0`);
  expect(bye?.text).toMatch(new RegExp(`^Route: <sip:127\\.0\\.0\\.3:${edge.sipPort};lr>`, 'im'));
  expect(edge.answered('BYE')).toEqual([200]);
  expect(await calls.record((r) => r.callee === '1002')).toMatchObject({ disposition: 'answered', hangupSide: 'callee' });
}, 40_000);

it('a DID without an inbound route is refused with 404 and the reason', async () => {
  await calls.engine.pbx.handlers['trunks.create'](providerTrunk('main', { address: '127.0.0.2', sipPort: 5060 }, { register: false, qualify: false }), ADMIN);
  const provider = await providerCall('+14155550111');
  await provider.process.exited;
  const refusal = provider.messages().find((m) => m.direction === 'received' && m.startLine.startsWith('SIP/2.0 404 '));
  expect(refusal?.startLine).toBe('SIP/2.0 404 Not Found (No inbound route takes calls to +14155550111 from trunk main, and there is no default (*) route for it.)');
  expect(statusesReceived(provider.messages(), 'INVITE')).not.toContain(407);
}, 30_000);
