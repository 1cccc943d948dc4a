import { write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import type { Codec, Direction } from './audio-description';

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
  } as MediaDescription;
}

/**
 * An SDP body for one leg with our address and ports: one audio stream, no
 * ICE, no DTLS, no rtcp-mux (RTCP on RTP+1): the plain-RTP side of the bridge.
 */
export function writeAudioSdp(input: AudioSdpInput): string {
  const v6 = input.address.includes(':');
  const audio = audioMedia(input);
  const media = input.mirror
    ? input.mirror.media.map((m, i) =>
        i === input.mirror?.audioIndex ? audio : ({ type: m.type, port: 0, protocol: m.protocol, payloads: m.payloads, rtp: [], fmtp: [] } as MediaDescription),
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
    media,
  };
  return write(session);
}
