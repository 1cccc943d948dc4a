// Reading a browser's WebRTC SDP (Chromium's, as sip.js sends it) and
// writing ours (ICE-lite, DTLS-SRTP), back through our own reader.
import { describe, expect, it } from 'vitest';
import { describeAudio, type AudioDescription } from '../../../main/pbx/media/sdp/audio-description';
import { LegOrigin, writeAudioSdp } from '../../../main/pbx/media/sdp/leg-sdp';

// Chromium's offer (sip.js, audio only), candidates trimmed to two.
const CHROMIUM_OFFER = [
  'v=0',
  'o=- 2930309136360265072 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS 9c744bff-ce61-4b46-b2fe-297bcad3c262',
  'm=audio 37455 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 127.0.0.1',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:4229885660 1 udp 2122194687 127.0.0.1 37455 typ host generation 0 network-id 3 network-cost 50',
  'a=candidate:415112264 1 udp 2122063615 192.0.2.2 40611 typ host generation 0 network-id 1',
  'a=ice-ufrag:2983',
  'a=ice-pwd:qze2Ah4jR5WsJrwCfEplUGYV',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 1C:EC:EF:D6:80:9A:02:26:36:F1:E7:8B:C2:03:B5:4F:19:23:BB:9B:C4:D8:88:01:05:4B:C6:44:27:3A:A1:CB',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtcp-rsize',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:2921287911 cname:qeQq6/qYmek4luZE',
  '',
].join('\r\n');

function audio(sdp: string): AudioDescription {
  const described = describeAudio(sdp);
  if ('problem' in described) throw new Error(described.problem);
  return described.audio;
}

describe('reading a browser offer', () => {
  it('takes the profile, ICE credentials (a numeric ufrag stays text), fingerprint, setup, mid, BUNDLE and codecs', () => {
    const offer = audio(CHROMIUM_OFFER);
    expect(offer.protocol).toBe('UDP/TLS/RTP/SAVPF');
    expect(offer.webrtc).toEqual({
      iceUfrag: '2983',
      icePwd: 'qze2Ah4jR5WsJrwCfEplUGYV',
      fingerprints: [{ algorithm: 'sha-256', value: '1C:EC:EF:D6:80:9A:02:26:36:F1:E7:8B:C2:03:B5:4F:19:23:BB:9B:C4:D8:88:01:05:4B:C6:44:27:3A:A1:CB' }],
      setup: 'actpass',
      mid: '0',
      bundle: true,
    });
    expect(offer.codecs.map((c) => `${c.pt} ${c.name}/${c.clockRate}/${c.channels}`)).toEqual([
      '111 opus/48000/2',
      '63 red/48000/2',
      '9 G722/8000/1',
      '0 PCMU/8000/1',
      '8 PCMA/8000/1',
      '13 CN/8000/1',
      '110 telephone-event/48000/1',
      '126 telephone-event/8000/1',
    ]);
  });

  it('takes session-level ICE and fingerprint (as Firefox writes them), and defaults a missing a=setup to active', () => {
    const moved = CHROMIUM_OFFER.replace(/a=ice-ufrag:.*\r\na=ice-pwd:.*\r\n/, '')
      .replace(/a=fingerprint:.*\r\n/, '')
      .replace('a=setup:actpass\r\n', '')
      .replace('t=0 0\r\n', 't=0 0\r\na=ice-ufrag:sess\r\na=ice-pwd:session-password-0123456\r\na=fingerprint:sha-256 AA:BB\r\n');
    expect(audio(moved).webrtc).toMatchObject({ iceUfrag: 'sess', icePwd: 'session-password-0123456', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }], setup: 'active' });
  });

  it('names what a WebRTC description lacks, and still reads plain RTP/AVP without WebRTC parameters', () => {
    const problem = (sdp: string) => (describeAudio(sdp) as { problem: string }).problem;
    expect(problem(CHROMIUM_OFFER.replace(/a=fingerprint:.*\r\n/, ''))).toMatch(/fingerprint/);
    expect(problem(CHROMIUM_OFFER.replace(/a=ice-pwd:.*\r\n/, ''))).toMatch(/ICE credentials/);
    expect(problem(CHROMIUM_OFFER.replace('a=rtcp-mux\r\n', ''))).toMatch(/rtcp-mux/);
    expect(problem(CHROMIUM_OFFER.replace('UDP/TLS/RTP/SAVPF', 'RTP/SAVP'))).toMatch(/unsupported media profile RTP\/SAVP/);
    expect(audio(CHROMIUM_OFFER.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP')).webrtc).toBeUndefined();
  });
});

describe('writing our WebRTC SDP', () => {
  const local = { iceUfrag: 'Ab+/cd12', icePwd: 'our-ice-password-12345678', fingerprint: { algorithm: 'sha-256' as const, value: '01:02:03' } };
  const codecs = audio(CHROMIUM_OFFER).codecs.filter((c) => c.pt === 111 || c.pt === 126);

  it('answers with ICE-lite, one host candidate, our fingerprint and role, the peer’s mid bundled, rtcp-mux, and no rtcp-fb', () => {
    const sdp = writeAudioSdp({
      origin: new LegOrigin().next(),
      address: '127.0.0.1',
      port: 40000,
      codecs,
      direction: 'sendrecv',
      webrtc: { local, setup: 'active', mid: '0', bundle: true },
    });
    expect(sdp).toMatch(/^a=ice-lite\r$/m);
    expect(sdp).toMatch(/^a=group:BUNDLE 0\r$/m);
    expect(sdp).toMatch(/^m=audio 40000 UDP\/TLS\/RTP\/SAVPF 111 126\r$/m);
    expect(sdp).toMatch(/^a=candidate:1 1 udp 2130706431 127\.0\.0\.1 40000 typ host\r$/m);
    expect(sdp).toMatch(/^a=end-of-candidates\r$/m);
    expect(sdp).not.toMatch(/rtcp-fb/);
    // Our reader takes back what we wrote.
    expect(audio(sdp).webrtc).toEqual({ iceUfrag: local.iceUfrag, icePwd: local.icePwd, fingerprints: [{ algorithm: 'sha-256', value: '01:02:03' }], setup: 'active', mid: '0', bundle: true });
  });

  it('rejects the offer’s other m= lines with port 0, keeping their mid, and leaves them out of BUNDLE', () => {
    const withVideo = `${CHROMIUM_OFFER}m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=rtpmap:96 VP8/90000\r\n`;
    const described = describeAudio(withVideo);
    if ('problem' in described) throw new Error(described.problem);
    const sdp = writeAudioSdp({
      origin: new LegOrigin().next(),
      address: '127.0.0.1',
      port: 40000,
      codecs,
      direction: 'sendrecv',
      mirror: { media: described.sdp.media, audioIndex: described.audio.index },
      webrtc: { local, setup: 'active', mid: '0', bundle: true },
    });
    expect(sdp).toMatch(/^m=video 0 UDP\/TLS\/RTP\/SAVPF 96\r\na=mid:1\r$/m);
    expect(sdp).toMatch(/^a=group:BUNDLE 0\r$/m);
  });

  it('writes plain RTP/AVP with no WebRTC attribute when there is no browser', () => {
    const sdp = writeAudioSdp({ origin: new LegOrigin().next(), address: '127.0.0.1', port: 40000, codecs, direction: 'sendrecv' });
    expect(sdp).toMatch(/^m=audio 40000 RTP\/AVP 111 126\r$/m);
    expect(sdp).not.toMatch(/ice|fingerprint|setup|rtcp-mux|candidate/);
  });
});
