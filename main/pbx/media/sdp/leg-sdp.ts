import { write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import type { Codec, Direction } from './audio-description';
import { webrtcMediaAttributes, webrtcSessionAttributes, type WebRtcSdpInput } from './webrtc-sdp';

/** Our o= line on one leg: the version goes up with every new description we send (RFC 3264 §8). */
export class LegOrigin {
  private version = 0;
  readonly sessionId = Math.floor(Math.random() * 2 ** 31) + 1;

  next(): { sessionId: number; version: number } {
    this.version++;
    return { sessionId: this.sessionId, version: this.version };
  }
}

export interface AudioSdpInput {
  origin: { sessionId: number; version: number };
  /** Our media address and RTP port on this leg (the relay's). */
  address: string;
  port: number;
  codecs: readonly Codec[];
  direction: Direction;
  ptime?: number | undefined;
  /**
   * For an answer: the offer's m= lines. The answer has as many, in order
   * (RFC 3264 §6); all but the audio one are rejected with port 0.
   */
  mirror?: { media: readonly MediaDescription[]; audioIndex: number } | undefined;
  /** Toward a browser: WebRTC transport (ICE-lite, DTLS-SRTP); absent for plain RTP. */
  webrtc?: WebRtcSdpInput | undefined;
}

function audioMedia(input: AudioSdpInput): MediaDescription {
  return {
    type: 'audio',
    port: input.port,
    protocol: 'RTP/AVP',
    payloads: input.codecs.map((c) => c.pt).join(' '),
    // Static types of RFC 3551 need no rtpmap, but writing it costs nothing and helps odd parsers.
    rtp: input.codecs.map((c) => ({
      payload: c.pt,
      codec: c.name,
      rate: c.clockRate,
      ...(c.channels > 1 ? { encoding: c.channels } : {}),
    })),
    fmtp: input.codecs.filter((c) => c.fmtp !== undefined).map((c) => ({ payload: c.pt, config: c.fmtp as string })),
    direction: input.direction,
    ...(input.ptime ? { ptime: input.ptime } : {}),
    ...(input.webrtc ? webrtcMediaAttributes(input.webrtc, input.address, input.port) : {}),
  } as MediaDescription;
}

/**
 * An SDP body for one leg with our address and ports, one audio stream:
 * plain RTP with RTCP on RTP+1, or toward a browser WebRTC with ICE-lite,
 * DTLS-SRTP and rtcp-mux on the same port.
 */
export function writeAudioSdp(input: AudioSdpInput): string {
  const v6 = input.address.includes(':');
  const audio = audioMedia(input);
  const media = input.mirror
    ? input.mirror.media.map((m, i) =>
        i === input.mirror?.audioIndex
          ? audio
          : // Rejected, with its mid kept so a browser can match it (RFC 8843).
            ({ type: m.type, port: 0, protocol: m.protocol, payloads: m.payloads, rtp: [], fmtp: [], ...(m.mid !== undefined ? { mid: m.mid } : {}) } as MediaDescription),
      )
    : [audio];
  const session: SessionDescription = {
    version: 0,
    origin: {
      username: 'dialtone',
      sessionId: input.origin.sessionId,
      sessionVersion: input.origin.version,
      netType: 'IN',
      ipVer: v6 ? 6 : 4,
      address: input.address,
    },
    name: 'Dialtone',
    connection: { version: v6 ? 6 : 4, ip: input.address },
    timing: { start: 0, stop: 0 },
    ...(input.webrtc ? webrtcSessionAttributes(input.webrtc) : {}),
    media,
  };
  return write(session);
}
