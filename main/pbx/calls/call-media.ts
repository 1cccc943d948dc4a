import type { RelaySession } from '../media/relay/media-relay';
import type { AudioDescription, Codec, Direction } from '../media/sdp/audio-description';
import type { NegotiatedAudio } from '../media/sdp/codec-negotiation';
import { writeAudioSdp, type LegOrigin } from '../media/sdp/leg-sdp';
import type { WebRtcDescription } from '../media/sdp/webrtc-description';
import type { WebRtcSdpInput } from '../media/sdp/webrtc-sdp';
import type { DtlsSetup, DtlsSrtpKeys } from '../media/webrtc/webrtc-parameters';
import { RELAY_LEG, otherSide, type CallLeg, type Side, type WebRtcParty } from './call-leg';

/**
 * Points a side's relay leg at its party's media as the party's SDP (offer or
 * answer) describes it: plain RTP to its address and ports; or for a browser,
 * DTLS-SRTP to wherever ICE selects, with the peer's ICE credentials,
 * fingerprint and DTLS role. A new ufrag in the party's own offer is an ICE
 * restart, which renews ours too (RFC 8445 §9); in an answer to our offer it
 * is simply a new party (after a transfer). `keys`: the browser brings its
 * DTLS association from another relay leg (an attended transfer).
 */
export function pointRelayAt(session: RelaySession, side: Side, leg: CallLeg, description: AudioDescription, from: 'offer' | 'answer', keys?: DtlsSrtpKeys): void {
  const relayLeg = RELAY_LEG[side];
  const peer = description.webrtc;
  if (!peer) {
    session.setWebRtcRemote(relayLeg, undefined);
    leg.webrtc = undefined;
    session.setRemote(relayLeg, { address: description.address, rtpPort: description.port, rtcpPort: description.rtcpPort });
    return;
  }
  const iceRestart = from === 'offer' && leg.webrtc?.remoteUfrag !== undefined && leg.webrtc.remoteUfrag !== peer.iceUfrag;
  const setup = setupKeepingRole(leg.webrtc, peer);
  session.prepareWebRtc(relayLeg, { iceRestart });
  const remote = { iceUfrag: peer.iceUfrag, icePwd: peer.icePwd, fingerprints: peer.fingerprints, setup };
  if (keys) session.adoptWebRtc(relayLeg, remote, keys);
  else session.setWebRtcRemote(relayLeg, remote);
  // a=setup:active from the peer makes it the DTLS client and us the server; actpass and passive make us the client.
  leg.webrtc = { mid: peer.mid, bundle: peer.bundle, remoteUfrag: peer.iceUfrag, fingerprint: peer.fingerprints[0]?.value, role: setup === 'active' ? 'server' : 'client' };
}

/**
 * The peer's a=setup, except that actpass in a re-offer from the same peer
 * (the same certificate) keeps the DTLS association and so its roles: browsers
 * re-offer actpass, and answering the other role would ask for a new
 * handshake (RFC 8842 §5.5), which they refuse.
 */
function setupKeepingRole(party: WebRtcParty | undefined, peer: WebRtcDescription): DtlsSetup {
  const samePeer = party?.role !== undefined && party.fingerprint === peer.fingerprints[0]?.value;
  if (peer.setup !== 'actpass' || !samePeer) return peer.setup;
  return party.role === 'server' ? 'active' : 'passive';
}

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
  pointRelayAt(session, otherSide(offerer.side), answerer.leg, answerer.description, 'answer');
  mapPayloads(session, offerer, answerer.leg, negotiated);
}

/**
 * Maps payload types both ways and records on each leg what it agreed to; the
 * relay already points at the answering side (a transfer points it at the new
 * party as soon as that one answers).
 */
export function mapPayloads(session: RelaySession, offerer: { side: Side; leg: CallLeg }, answerer: CallLeg, negotiated: NegotiatedAudio): void {
  const answerSide = otherSide(offerer.side);
  session.setPayloadMap(RELAY_LEG[offerer.side], negotiated.offerToAnswer);
  session.setPayloadMap(RELAY_LEG[answerSide], negotiated.answerToOffer);
  session.setTelephoneEvent(RELAY_LEG[offerer.side], negotiated.offerDtmf?.pt);
  session.setTelephoneEvent(RELAY_LEG[answerSide], negotiated.answerDtmf?.pt);
  offerer.leg.codecs = negotiated.pairs.map((p) => p.offer);
  offerer.leg.dtmf = negotiated.offerDtmf;
  answerer.codecs = negotiated.pairs.map((p) => p.answer);
  answerer.dtmf = negotiated.answerDtmf;
}

/** Our WebRTC transport toward a browser party, with the a=setup this offer or answer needs. */
function webrtcSdp(session: RelaySession, side: Side, party: WebRtcParty, setup: DtlsSetup): WebRtcSdpInput {
  return { local: session.prepareWebRtc(RELAY_LEG[side]), setup, mid: party.mid, bundle: party.bundle };
}

/** In an offer: actpass until the association has a role, then that role (RFC 8842 §5). */
const offerSetup = (party: WebRtcParty): DtlsSetup => (party.role === undefined ? 'actpass' : party.role === 'client' ? 'active' : 'passive');

/**
 * Our SDP offer toward a side: its relay port, the given codecs, our address,
 * the next version of that leg's o= line; WebRTC when the party is a browser.
 */
export function offerSdp(
  session: RelaySession,
  side: Side,
  origin: LegOrigin,
  address: string,
  codecs: readonly Codec[],
  direction: Direction,
  ptime: number | undefined,
  webrtc: WebRtcParty | undefined,
): Buffer {
  return Buffer.from(
    writeAudioSdp({
      origin: origin.next(),
      address,
      port: session[RELAY_LEG[side]].rtpPort,
      codecs,
      direction,
      ptime,
      webrtc: webrtc && webrtcSdp(session, side, webrtc, offerSetup(webrtc)),
    }),
  );
}

/** Our answer to the side that offered: its payload numbers, in its order, mirroring its m= lines; WebRTC to a browser. */
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
      webrtc: leg.webrtc && webrtcSdp(session, side, leg.webrtc, leg.webrtc.role === 'server' ? 'passive' : 'active'),
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

/** The codecs a party knows, in its numbering: those it last agreed to, else those it offered. */
export function knownCodecs(party: CallLeg): readonly Codec[] {
  return party.codecs.length > 0 ? party.codecs : (party.offer?.codecs ?? []);
}

/** The codecs a party knows (in its numbering) that are also among `chosen` (another party's): what a transfer can offer it. */
export function codecsFor(party: CallLeg, chosen: readonly { name: string; clockRate: number; channels: number }[]) {
  const key = (c: { name: string; clockRate: number; channels: number }) => `${c.name.toLowerCase()}/${c.clockRate}/${c.channels}`;
  const wanted = new Set(chosen.map(key));
  return knownCodecs(party).filter((c) => wanted.has(key(c)));
}
