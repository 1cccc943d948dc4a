// What a WebRTC SDP says about transport (RFC 8829 JSEP, RFC 8839 ICE,
// RFC 8842 DTLS): the ICE credentials, the DTLS certificate fingerprints and
// role, the m= line's mid and whether it is bundled, rtcp-mux. Each may sit at
// media level or, for the session as a whole, at session level.

import type { MediaDescription, SessionDescription } from 'sdp-transform';
import { isDtlsSetup, type Fingerprint, type WebRtcRemoteParameters } from '../webrtc/webrtc-parameters';

/** DTLS-SRTP profiles (RFC 5764 §8): what browsers offer. SDES (a=crypto) is not supported. */
export const WEBRTC_PROFILES = new Set(['UDP/TLS/RTP/SAVPF', 'UDP/TLS/RTP/SAVP']);

export interface WebRtcDescription extends WebRtcRemoteParameters {
  /** The audio m= line's a=mid, if any (our answer repeats it, RFC 8843). */
  mid: string | undefined;
  /** Whether that mid is in an a=group:BUNDLE. */
  bundle: boolean;
}

const textOf = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

/** The audio m= line's WebRTC parameters, or what is missing. */
export function readWebRtcDescription(sdp: SessionDescription, media: MediaDescription): WebRtcDescription | { problem: string } {
  // sdp-transform reads numeric tokens as numbers (a=ice-ufrag:2983, a=mid:0, a=group:BUNDLE 0): text again here.
  const iceUfrag = textOf(media.iceUfrag ?? sdp.iceUfrag);
  const icePwd = textOf(media.icePwd ?? sdp.icePwd);
  if (!iceUfrag || !icePwd) return { problem: 'a WebRTC description without ICE credentials' };
  const fingerprint = media.fingerprint ?? sdp.fingerprint;
  if (!fingerprint) return { problem: 'a WebRTC description without a certificate fingerprint' };
  // Our side always muxes RTCP on the RTP port; browsers require it too (RFC 8829, rtcpMuxPolicy).
  if (!media.rtcpMux) return { problem: 'a WebRTC description without rtcp-mux' };
  const setupValue = media.setup ?? sdp.setup;
  // No a=setup means active (RFC 4145 §4).
  const setup = isDtlsSetup(setupValue) ? setupValue : 'active';
  const fingerprints: Fingerprint[] = [{ algorithm: String(fingerprint.type), value: String(fingerprint.hash) }];
  const mid = textOf(media.mid);
  const bundle = mid !== undefined && (sdp.groups ?? []).some((g) => g.type === 'BUNDLE' && String(g.mids).split(' ').includes(mid));
  return { iceUfrag, icePwd, fingerprints, setup, mid, bundle };
}
