import type { RelaySession } from '../media/relay/media-relay';
import type { AudioDescription, Codec, Direction } from '../media/sdp/audio-description';
import type { NegotiatedAudio } from '../media/sdp/codec-negotiation';
import { writeAudioSdp, type LegOrigin } from '../media/sdp/leg-sdp';
import { RELAY_LEG, otherSide, type CallLeg, type Side } from './call-leg';

/**
 * Points the relay at the answering side's media and maps payload types both
 * ways; records on each leg what it agreed to.
 */
export function applyNegotiation(
  session: RelaySession,
  offerer: { side: Side; leg: CallLeg },
  answerer: { leg: CallLeg; description: AudioDescription },
  negotiated: NegotiatedAudio,
): void {
  const answerSide = otherSide(offerer.side);
  const { description } = answerer;
  session.setRemote(RELAY_LEG[answerSide], { address: description.address, rtpPort: description.port, rtcpPort: description.rtcpPort });
  session.setPayloadMap(RELAY_LEG[offerer.side], negotiated.offerToAnswer);
  session.setPayloadMap(RELAY_LEG[answerSide], negotiated.answerToOffer);
  session.setTelephoneEvent(RELAY_LEG[offerer.side], negotiated.offerDtmf?.pt);
  session.setTelephoneEvent(RELAY_LEG[answerSide], negotiated.answerDtmf?.pt);
  offerer.leg.codecs = negotiated.pairs.map((p) => p.offer);
  offerer.leg.dtmf = negotiated.offerDtmf;
  answerer.leg.codecs = negotiated.pairs.map((p) => p.answer);
  answerer.leg.dtmf = negotiated.answerDtmf;
}

/** Our SDP offer toward a side: its relay port, the given codecs, our address, the next version of that leg's o= line. */
export function offerSdp(session: RelaySession, side: Side, origin: LegOrigin, address: string, codecs: readonly Codec[], direction: Direction, ptime?: number): Buffer {
  return Buffer.from(writeAudioSdp({ origin: origin.next(), address, port: session[RELAY_LEG[side]].rtpPort, codecs, direction, ptime }));
}

/** Our answer to the side that offered: its payload numbers, in its order, mirroring its m= lines. */
export function answerSdp(session: RelaySession, side: Side, leg: CallLeg, address: string, negotiated: NegotiatedAudio, direction: Direction): Buffer {
  const offer = leg.offer as AudioDescription;
  const sdp = Buffer.from(
    writeAudioSdp({
      origin: leg.origin.next(),
      address,
      port: session[RELAY_LEG[side]].rtpPort,
      codecs: negotiated.pairs.map((p) => p.offer),
      direction,
      ptime: offer.ptime,
      mirror: { media: leg.media, audioIndex: offer.index },
    }),
  );
  leg.lastSdp = sdp;
  return sdp;
}

/** Two SDP bodies with the same o= line (session id and version): a refresh, not a change (RFC 3264 §8). */
export function sameSdpVersion(next: Buffer, previous: Buffer | undefined): boolean {
  if (!previous) return false;
  const origin = (b: Buffer) => /^o=.*$/m.exec(b.toString('latin1'))?.[0]?.trim();
  return origin(next) !== undefined && origin(next) === origin(previous);
}
