// A relay session whose leg A is a WebRTC endpoint (ICE-lite, DTLS-SRTP,
// rtcp-mux) and leg B plain RTP, with werift's RTCPeerConnection as the
// browser on A (a real ICE/DTLS/SRTP stack; Chromium itself is exercised by
// the call tests) and a UDP socket as the phone on B.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { MediaRelay, RelaySession } from '../../../main/pbx/media/relay/media-relay';
import { describeAudio, type AudioDescription } from '../../../main/pbx/media/sdp/audio-description';
import { LegOrigin, writeAudioSdp } from '../../../main/pbx/media/sdp/leg-sdp';
import type { WebRtcState } from '../../../main/pbx/media/webrtc/webrtc-parameters';
import { startTestRelay } from '../media/support/test-relay';
import { rtpPacket, UdpEndpoint } from '../media/support/udp-endpoint';
import { waitUntil } from '../../support/peers/wait-until';
import { localSdp, weriftPeer, type WeriftPeer } from './support/werift-peer';

let relay: MediaRelay;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  relay = await startTestRelay({ workers: 1 });
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(() => relay.stop());

interface Bridge {
  session: RelaySession;
  browser: WeriftPeer;
  phone: UdpEndpoint;
  phoneRtcp: UdpEndpoint;
  states: Array<{ state: WebRtcState; detail: string }>;
}

/** A session with a werift peer on A and a plain phone on B, PCMU (PT 0) both ways. */
async function openBridge(): Promise<Bridge> {
  const session = await relay.openSession();
  const browser = weriftPeer();
  const [phone, phoneRtcp] = await Promise.all([UdpEndpoint.open(), UdpEndpoint.open()]);
  cleanups.push(() => session.close(), () => browser.close(), () => phone.close(), () => phoneRtcp.close());
  const states: Bridge['states'] = [];
  session.onWebRtcState((leg, state, detail) => leg === 'a' && states.push({ state, detail }));
  session.setRemote('b', { address: '127.0.0.1', rtpPort: phone.port, rtcpPort: phoneRtcp.port });
  session.setPayloadMap('a', { 0: 0 });
  session.setPayloadMap('b', { 0: 0 });
  session.prepareWebRtc('a');
  return { session, browser, phone, phoneRtcp, states };
}

function webrtcOf(sdp: string): AudioDescription {
  const described = describeAudio(sdp);
  if ('problem' in described) throw new Error(described.problem);
  return described.audio;
}

/** Our SDP for leg A, as the B2BUA writes it toward a browser. */
function ourSdp(session: RelaySession, peer: AudioDescription | undefined, setup: 'actpass' | 'active'): string {
  return writeAudioSdp({
    origin: new LegOrigin().next(),
    address: '127.0.0.1',
    port: session.a.rtpPort,
    codecs: [{ pt: 0, name: 'PCMU', clockRate: 8000, channels: 1, fmtp: undefined }],
    direction: 'sendrecv',
    webrtc: { local: session.prepareWebRtc('a'), setup, mid: peer?.webrtc?.mid ?? '0', bundle: true },
  });
}

async function connected(bridge: Bridge): Promise<void> {
  await waitUntil('the relay leg connected', () => (bridge.states.length > 0 ? true : undefined), 10_000);
  expect(bridge.states[0]).toMatchObject({ state: 'connected' });
  await waitUntil('werift connected', () => (bridge.browser.pc.connectionState === 'connected' ? true : undefined), 10_000);
}

/** Sends PCMU both ways and checks it arrives decrypted, unchanged. */
async function exchangeAudio(bridge: Bridge): Promise<void> {
  const { session, browser, phone } = bridge;
  const fromPhone = Array.from({ length: 5 }, (_, i) => rtpPacket({ payloadType: 0, sequence: 100 + i, timestamp: 160 * i, ssrc: 0xb0b0, payload: Buffer.alloc(160, i + 1) }));
  for (const packet of fromPhone) await phone.send(packet, session.b.rtpPort);
  await waitUntil('the browser received 5 RTP packets', () => (browser.received.length >= 5 ? true : undefined), 5_000);
  expect(browser.received.slice(0, 5).map((p) => [p.header.sequenceNumber, p.payload[0]])).toEqual(fromPhone.map((_, i) => [100 + i, i + 1]));

  for (let i = 0; i < 5; i++) browser.transceiver.sender.sendRtp(rtpPacket({ payloadType: 0, sequence: 7 + i, timestamp: 160 * i, payload: Buffer.alloc(160, 0x40 + i) }));
  const atPhone = await phone.waitFor(5);
  // werift numbers its own stream; the payload shows each packet came through, decrypted.
  expect(atPhone.map((d) => [d.data[1]! & 0x7f, d.data[12], d.data.length, d.port])).toEqual(Array.from({ length: 5 }, (_, i) => [0, 0x40 + i, 172, session.b.rtpPort]));
}

it('answers a browser offer as the DTLS client (setup:active) and relays SRTP ⇄ RTP', async () => {
  const bridge = await openBridge();
  const offer = webrtcOf(await localSdp(bridge.browser.pc, 'offer'));
  expect(offer.webrtc).toMatchObject({ setup: 'actpass' });
  bridge.session.setWebRtcRemote('a', offer.webrtc);
  await bridge.browser.pc.setRemoteDescription({ type: 'answer', sdp: ourSdp(bridge.session, offer, 'active') });
  await connected(bridge);
  expect(bridge.states[0]!.detail).toMatch(/client/);
  await exchangeAudio(bridge);
  const stats = await bridge.session.stats();
  expect(stats.a).toMatchObject({ packetsReceived: 5, packetsSent: 5, dropped: { notAuthentic: 0 } });
});

it('offers actpass and becomes the DTLS server when the browser answers active', async () => {
  const bridge = await openBridge();
  await bridge.browser.pc.setRemoteDescription({ type: 'offer', sdp: ourSdp(bridge.session, undefined, 'actpass') });
  const answer = webrtcOf(await localSdp(bridge.browser.pc, 'answer'));
  expect(answer.webrtc).toMatchObject({ setup: 'active', mid: '0' });
  bridge.session.setWebRtcRemote('a', answer.webrtc);
  await connected(bridge);
  expect(bridge.states[0]!.detail).toMatch(/server/);
  await exchangeAudio(bridge);
});

it('carries RTCP both ways: SRTCP on the WebRTC leg (rtcp-mux), plain RTCP on the other', async () => {
  const bridge = await openBridge();
  const offer = webrtcOf(await localSdp(bridge.browser.pc, 'offer'));
  bridge.session.setWebRtcRemote('a', offer.webrtc);
  await bridge.browser.pc.setRemoteDescription({ type: 'answer', sdp: ourSdp(bridge.session, offer, 'active') });
  await connected(bridge);
  await exchangeAudio(bridge);
  // A receiver report from the phone, to the relay's RTCP port of leg B.
  const report = Buffer.alloc(8);
  report.writeUInt16BE(0x80c9, 0);
  report.writeUInt16BE(1, 2);
  report.writeUInt32BE(0xb0b0, 4);
  await bridge.phoneRtcp.send(report, bridge.session.b.rtcpPort);
  await waitUntil('the browser got the receiver report', () => (bridge.browser.receivedRtcp.some((r) => r.type === 201) ? true : undefined), 5_000);
  // werift reports on what it receives (sender and receiver reports): they reach the phone's RTCP socket in the clear.
  const [rtcp] = await bridge.phoneRtcp.waitFor(1, 10_000);
  expect(rtcp!.data[0]! >> 6).toBe(2);
  expect([200, 201]).toContain(rtcp!.data[1]);
  const stats = await bridge.session.stats();
  expect(stats.a.rtcpPacketsSent).toBeGreaterThanOrEqual(1);
  expect(stats.a.rtcpPacketsReceived).toBeGreaterThanOrEqual(1);
});

it('drops SRTP that fails authentication, and fails the leg when the certificate does not match the fingerprint', async () => {
  const bridge = await openBridge();
  const offer = webrtcOf(await localSdp(bridge.browser.pc, 'offer'));
  const wrong = { ...offer.webrtc!, fingerprints: [{ algorithm: 'sha-256', value: offer.webrtc!.fingerprints[0]!.value.replace(/^../, '00') }] };
  bridge.session.setWebRtcRemote('a', wrong);
  await bridge.browser.pc.setRemoteDescription({ type: 'answer', sdp: ourSdp(bridge.session, offer, 'active') });
  await waitUntil('the relay leg failed', () => (bridge.states.length > 0 ? true : undefined), 10_000);
  expect(bridge.states[0]).toMatchObject({ state: 'failed', detail: expect.stringMatching(/fingerprint/) });
  // Without keys nothing is relayed: a forged "SRTP" packet is counted, not forwarded.
  const intruder = await UdpEndpoint.open();
  cleanups.push(() => intruder.close());
  await intruder.send(rtpPacket({ payloadType: 0, sequence: 1 }), bridge.session.a.rtpPort);
  await waitUntil('the forgery was counted', async () => ((await bridge.session.stats()).a.dropped.notAuthentic === 1 ? true : undefined), 3_000);
  expect(bridge.phone.received).toEqual([]);
});
