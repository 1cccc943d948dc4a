import type { Settings } from '../../../shared/settings';
import type { RelaySession } from '../media/relay/media-relay';
import { describeAudio } from '../media/sdp/audio-description';
import { negotiate, offerableCodecs } from '../media/sdp/codec-negotiation';
import type { HeaderField, SipRequest } from '../sip/message/sip-message';
import { SDP, otherSide, type CallLeg, type Side } from './call-leg';
import { answerSdp, applyNegotiation, offerSdp, pointRelayAt, sameSdpVersion } from './call-media';

export type Reply = (status: number, reason: string, sdp?: Buffer, extra?: HeaderField[]) => void;

/** What renegotiating needs from the call. */
export interface RenegotiationContext {
  readonly session: RelaySession;
  leg(side: Side): CallLeg;
  settings(): Settings;
  mediaAddress(): string;
  /** Headers our 2xx to this side carries (session timers). */
  answerHeaders(side: Side): HeaderField[];
  /** One offer/answer at a time across the call (RFC 3261 §14.1: else 491). */
  busy: boolean;
  ended(): boolean;
}

/**
 * A re-INVITE or UPDATE from one side of an answered call: hold, resume, a
 * codec change, or a session refresh. A refresh (same o= version, or no body)
 * is answered here; a real change goes to the other side as our own offer
 * (of that party's kind: a browser keeps its ICE and DTLS), and its answer
 * comes back mapped to the first side's payload numbers.
 */
export async function renegotiate(call: RenegotiationContext, side: Side, request: SipRequest, reply: Reply): Promise<void> {
  const leg = call.leg(side);
  const other = call.leg(otherSide(side));
  const extra = call.answerHeaders(side);
  if (request.body.length === 0) return reply(200, 'OK', leg.lastSdp, extra);
  if (sameSdpVersion(request.body, leg.offerSdp)) return reply(200, 'OK', leg.lastSdp, extra);
  const described = describeAudio(request.body.toString('latin1'));
  if ('problem' in described) return reply(488, `Not Acceptable Here (${described.problem})`);
  if (call.busy) return reply(491, 'Request Pending');
  const codecs = offerableCodecs(described.audio.codecs, call.settings().codecs);
  if (!codecs) return reply(488, 'Not Acceptable Here (no allowed codec)');
  call.busy = true;
  try {
    const offer = offerSdp(call.session, otherSide(side), other.origin, call.mediaAddress(), codecs, described.audio.direction, described.audio.ptime, other.webrtc);
    other.lastSdp = offer;
    const response = await other.send(request.method, [], { type: SDP, content: offer });
    if (call.ended()) return reply(481, 'Call/Transaction Does Not Exist');
    if (response.status >= 300) return reply(response.status, response.reason);
    const answer = describeAudio(response.body.toString('latin1'));
    const negotiated = 'problem' in answer ? undefined : negotiate(described.audio.codecs, answer.audio.codecs);
    if ('problem' in answer || !negotiated) return reply(488, 'Not Acceptable Here (no common codec)');
    leg.offer = described.audio;
    leg.offerSdp = request.body;
    leg.media = described.sdp.media;
    pointRelayAt(call.session, side, leg, described.audio, 'offer');
    applyNegotiation(call.session, { side, leg }, { leg: other, description: answer.audio }, negotiated);
    reply(200, 'OK', answerSdp(call.session, side, leg, call.mediaAddress(), negotiated, answer.audio.direction), extra);
  } finally {
    call.busy = false;
  }
}
