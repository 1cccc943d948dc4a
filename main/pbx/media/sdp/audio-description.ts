import { parse, type SessionDescription } from 'sdp-transform';
import { STATIC_AUDIO_PAYLOADS } from './static-payloads';
import { readWebRtcDescription, WEBRTC_PROFILES, type WebRtcDescription } from './webrtc-description';

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface Codec {
  readonly pt: number;
  /** As the peer wrote it (case kept for writing back); compare with codecKey. */
  readonly name: string;
  readonly clockRate: number;
  readonly channels: number;
  readonly fmtp: string | undefined;
}

/** The one audio stream of a session description, as the B2BUA needs it. */
export interface AudioDescription {
  /** Where this m= line sits, so an answer keeps the order (RFC 3264 §6). */
  readonly index: number;
  readonly mediaCount: number;
  readonly address: string;
  readonly port: number;
  readonly rtcpPort: number;
  readonly protocol: string;
  readonly codecs: readonly Codec[];
  readonly direction: Direction;
  readonly ptime: number | undefined;
  /** For a WebRTC peer (UDP/TLS/RTP/SAVPF): its ICE, DTLS and bundling; undefined for plain RTP. */
  readonly webrtc: WebRtcDescription | undefined;
}

export type SdpProblem = { problem: string };

/** Codecs are the same when name, clock rate and channels match (RFC 3264 §6.1); names are case-insensitive. */
export function codecKey(codec: Pick<Codec, 'name' | 'clockRate' | 'channels'>): string {
  return `${codec.name.toLowerCase()}/${codec.clockRate}/${codec.channels}`;
}

export function isTelephoneEvent(codec: Codec): boolean {
  return codec.name.toLowerCase() === 'telephone-event';
}

function direction(value: unknown, fallback: Direction): Direction {
  return value === 'sendrecv' || value === 'sendonly' || value === 'recvonly' || value === 'inactive' ? value : fallback;
}

/**
 * Reads the first audio m= line of an SDP body: its address (media c= over
 * session c=), ports, codecs in the peer's order, direction, and for a WebRTC
 * peer its transport parameters. A port of 0 means the stream is rejected or
 * disabled.
 */
export function describeAudio(body: string): { sdp: SessionDescription; audio: AudioDescription } | SdpProblem {
  let sdp: SessionDescription;
  try {
    sdp = parse(body);
  } catch {
    return { problem: 'unreadable SDP' };
  }
  const index = (sdp.media ?? []).findIndex((m) => m.type === 'audio');
  const media = sdp.media?.[index];
  if (!media) return { problem: 'no audio stream' };
  const address = media.connection?.ip ?? sdp.connection?.ip;
  if (!address) return { problem: 'no connection address' };
  const webrtc = WEBRTC_PROFILES.has(media.protocol) ? readWebRtcDescription(sdp, media) : undefined;
  if (!webrtc && !/^RTP\/(AVP|AVPF)$/.test(media.protocol)) return { problem: `unsupported media profile ${media.protocol}` };
  if (webrtc && 'problem' in webrtc) return webrtc;
  const payloads = String(media.payloads ?? '')
    .split(/\s+/)
    .filter((p) => /^\d{1,3}$/.test(p))
    .map(Number);
  const codecs: Codec[] = [];
  for (const pt of payloads) {
    const rtpmap = media.rtp.find((r) => r.payload === pt);
    const fmtp = media.fmtp.find((f) => f.payload === pt)?.config;
    if (rtpmap) {
      codecs.push({ pt, name: rtpmap.codec, clockRate: rtpmap.rate ?? 8000, channels: Number(rtpmap.encoding ?? 1) || 1, fmtp });
    } else if (STATIC_AUDIO_PAYLOADS[pt]) {
      codecs.push({ pt, ...(STATIC_AUDIO_PAYLOADS[pt] as { name: string; clockRate: number; channels: number }), fmtp });
    }
  }
  return {
    sdp,
    audio: {
      index,
      mediaCount: sdp.media.length,
      address,
      port: media.port,
      rtcpPort: media.rtcp?.port ?? media.port + 1,
      protocol: media.protocol,
      codecs,
      direction: direction(media.direction, direction(sdp.direction, 'sendrecv')),
      ptime: media.ptime,
      webrtc,
    },
  };
}
