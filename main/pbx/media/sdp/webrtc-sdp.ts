// The WebRTC parts of our SDP toward a browser (RFC 8829 JSEP): ICE-lite
// with one host candidate, our ICE credentials, the relay certificate's
// fingerprint and our DTLS role, rtcp-mux, and the peer's mid and BUNDLE
// group mirrored. No rtcp-fb: audio needs no feedback messages.

import type { MediaDescription, SessionDescription } from 'sdp-transform';
import type { DtlsSetup, WebRtcLocalParameters } from '../webrtc/webrtc-parameters';

const WEBRTC_PROFILE = 'UDP/TLS/RTP/SAVPF';

export interface WebRtcSdpInput {
  local: WebRtcLocalParameters;
  /** actpass in a first offer, then the role the association has (RFC 8842 §5). */
  setup: DtlsSetup;
  mid: string | undefined;
  bundle: boolean;
}

/** A host candidate's priority (RFC 8445 §5.1.2.1): type preference 126, local preference 65535, component 1. */
const HOST_PRIORITY = 126 * 2 ** 24 + 65535 * 2 ** 8 + (256 - 1);

export function webrtcSessionAttributes(input: WebRtcSdpInput): Partial<SessionDescription> {
  return {
    icelite: 'ice-lite',
    ...(input.bundle && input.mid !== undefined ? { groups: [{ type: 'BUNDLE', mids: input.mid }] } : {}),
  };
}

export function webrtcMediaAttributes(input: WebRtcSdpInput, address: string, port: number): Partial<MediaDescription> {
  return {
    protocol: WEBRTC_PROFILE,
    iceUfrag: input.local.iceUfrag,
    icePwd: input.local.icePwd,
    fingerprint: { type: input.local.fingerprint.algorithm, hash: input.local.fingerprint.value },
    setup: input.setup,
    ...(input.mid !== undefined ? { mid: input.mid } : {}),
    rtcpMux: 'rtcp-mux',
    candidates: [{ foundation: '1', component: 1, transport: 'udp', priority: HOST_PRIORITY, ip: address, port, type: 'host' }],
    endOfCandidates: 'end-of-candidates',
  };
}
