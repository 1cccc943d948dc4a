// Calls between real Chromium phones (sip.js over SIP-over-WebSocket, WebRTC
// media) and SIPp phones (plain RTP), through the engine: the relay leg of a
// browser is a WebRTC endpoint (ICE-lite, DTLS-SRTP), the other plain RTP or
// WebRTC too, and the codec is one both ends have (the relay never transcodes).
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { CallFixture } from '../../support/calls/call-fixture';
import { waitUntil } from '../../support/peers/wait-until';
import { BrowserPhones, type BrowserPhone } from './support/browser-phone';

const PASSWORDS = { '1001': 'browser-one-pw', '1002': 'sipp-phone-pw', '1003': 'browser-two-pw', '1004': 'browser-three' };
let calls: CallFixture;
let phones: BrowserPhones;
const open: BrowserPhone[] = [];

beforeAll(async () => {
  calls = await CallFixture.start(PASSWORDS);
  phones = await BrowserPhones.start();
}, 60_000);
afterEach(async () => {
  await Promise.all(open.splice(0).map((phone) => phone.page.context().close()));
  await calls.cleanUp();
});
afterAll(async () => {
  await phones?.stop();
  await calls?.stop();
});

async function browser(extension: keyof typeof PASSWORDS): Promise<BrowserPhone> {
  const phone = await phones.open(extension, PASSWORDS[extension], calls.engine.httpPort);
  open.push(phone);
  return phone;
}

/** Waits until the phone has received `packets` more RTP packets and some audio energy. */
async function hearsAudio(phone: BrowserPhone, packets = 50): Promise<Awaited<ReturnType<BrowserPhone['stats']>>> {
  const start = (await phone.stats()).packetsReceived;
  return waitUntil(
    `${phone.extension} receiving audio`,
    async () => {
      const stats = await phone.stats();
      return stats.packetsReceived >= start + packets && stats.totalAudioEnergy > 0 ? stats : undefined;
    },
    15_000,
    200,
  );
}

it('a browser calls a SIPp phone that echoes: PCMU end to end, the browser hears its own audio back, both legs counted', async () => {
  const callee = await calls.startCallee('1002', { scenario: 'uas-answer.xml', rtpEcho: true, timeoutSeconds: 40 });
  const alice = await browser('1001');
  await alice.call('1002');
  const stats = await hearsAudio(alice);
  // The phone has no Opus: the browser's offer meets it at G.711, in the browser's order.
  expect(stats.codec).toBe('audio/PCMU');
  expect(stats.audioLevel + stats.totalAudioEnergy).toBeGreaterThan(0);
  expect(stats.remoteSdp).toMatch(/^a=ice-lite/m);
  expect(stats.remoteSdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 /m);
  await alice.hangup();
  const sipp = await callee.result();
  expect(sipp.code, sipp.errors || sipp.output).toBe(0);
  const record = await calls.record((r) => r.caller === '1001' && r.callee === '1002');
  expect(record).toMatchObject({ disposition: 'answered', codec: 'PCMU/8000', hangupSide: 'caller' });
  for (const leg of [record.callerLeg, record.calleeLeg]) {
    expect(leg.packetsReceived).toBeGreaterThan(40);
    expect(leg.packetsSent).toBeGreaterThan(40);
  }
}, 60_000);

it('a SIPp phone playing G.711 A-law calls a browser, which answers and hears it', async () => {
  const bob = await browser('1003');
  await bob.answerIncoming();
  const caller = await calls.startCaller('1002', { scenario: 'uac-call-audio.xml', service: '1003', timeoutSeconds: 40 });
  await bob.answered();
  const stats = await hearsAudio(bob, 100);
  expect(stats.codec).toBe('audio/PCMA');
  expect(stats.remoteSdp).toMatch(/^a=setup:actpass/m);
  const sipp = await caller.result();
  expect(sipp.code, sipp.errors || sipp.output).toBe(0);
  const record = await calls.record(caller.callId);
  expect(record).toMatchObject({ disposition: 'answered', codec: 'PCMA/8000', caller: '1002', callee: '1003' });
  expect(record.calleeLeg.packetsSent).toBeGreaterThan(100);
}, 60_000);

it('two browsers call each other: Opus on both WebRTC legs, audio both ways', async () => {
  const [alice, carol] = await Promise.all([browser('1001'), browser('1004')]);
  await carol.answerIncoming();
  await alice.call('1004');
  await carol.answered();
  const [heardByAlice, heardByCarol] = await Promise.all([hearsAudio(alice), hearsAudio(carol)]);
  expect([heardByAlice.codec, heardByCarol.codec]).toEqual(['audio/opus', 'audio/opus']);
  await alice.hangup();
  const record = await calls.record((r) => r.caller === '1001' && r.callee === '1004');
  expect(record.codec).toBe('opus/48000');
  expect(record.callerLeg.packetsReceived).toBeGreaterThan(40);
  expect(record.calleeLeg.packetsReceived).toBeGreaterThan(40);
}, 60_000);

it('each browser holds and resumes: re-INVITEs keep ICE, DTLS and its roles; audio stops toward the holder and comes back', async () => {
  const [alice, carol] = await Promise.all([browser('1001'), browser('1004')]);
  await carol.answerIncoming();
  await alice.call('1004');
  await carol.answered();
  await Promise.all([hearsAudio(alice), hearsAudio(carol)]);
  const before = await alice.stats();
  const ufrag = (sdp: string) => /^a=ice-ufrag:(.*)$/m.exec(sdp)?.[1];
  const fingerprint = (sdp: string) => /^a=fingerprint:(.*)$/m.exec(sdp)?.[1];

  const holdAnswer = await alice.hold(true);
  expect(holdAnswer).toMatch(/^a=recvonly/m);
  // The same ICE credentials and certificate: no ICE restart, no new DTLS handshake.
  expect([ufrag(holdAnswer), fingerprint(holdAnswer)]).toEqual([ufrag(before.remoteSdp), fingerprint(before.remoteSdp)]);
  // Carol got a re-offer on her WebRTC leg and still hears Alice (sendonly); Alice hears nothing.
  await hearsAudio(carol);
  const held = (await alice.stats()).packetsReceived;
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await alice.stats()).packetsReceived - held).toBeLessThan(10);

  const resumeAnswer = await alice.hold(false);
  expect(resumeAnswer).toMatch(/^a=sendrecv/m);
  expect(ufrag(resumeAnswer)).toBe(ufrag(before.remoteSdp));
  await hearsAudio(alice);

  // The callee holds too. She answered our actpass as the DTLS client; her re-offer says actpass again, and our
  // answer must keep the roles (passive: we stay the server), or her browser would refuse it and hang up.
  const carolsHold = await carol.hold(true);
  expect(carolsHold).toMatch(/^a=setup:passive/m);
  expect(carolsHold).toMatch(/^a=recvonly/m);
  expect(await carol.hold(false)).toMatch(/^a=sendrecv/m);
  await Promise.all([hearsAudio(alice), hearsAudio(carol)]);
  await alice.hangup();
}, 60_000);

it('a browser transfers its caller to a third browser (REFER): the new party gets a new DTLS association on the same relay leg, and they hear each other', async () => {
  const [alice, bob, carol] = await Promise.all([browser('1001'), browser('1004'), browser('1003')]);
  await Promise.all([bob.answerIncoming(), carol.answerIncoming()]);
  await alice.call('1004');
  await bob.answered();
  await bob.transfer('1003');
  await carol.answered();
  const heardByCarol = await hearsAudio(carol);
  expect(heardByCarol.codec).toBe('audio/opus');
  // Alice's leg was never touched: her ICE and DTLS go on, and she hears Carol.
  await hearsAudio(alice);
  await alice.hangup();
  expect(await calls.record((r) => r.caller === '1001' && r.callee === '1003')).toMatchObject({ disposition: 'answered', hangupCause: expect.stringContaining('after a transfer to 1003') });
}, 60_000);
