import { describeAudio } from '../media/sdp/audio-description';
import { negotiate } from '../media/sdp/codec-negotiation';
import type { Dialog } from '../sip/dialog/dialog';
import { parseNameAddr } from '../sip/message/name-addr';
import { replacesInUriHeaders } from '../sip/message/replaces';
import { SipSyntaxError } from '../sip/message/scan';
import type { SipRequest, SipResponse } from '../sip/message/sip-message';
import type { Uri } from '../sip/message/uri';
import { LegOrigin } from '../media/sdp/leg-sdp';
import { CallLeg, SDP, newWebRtcParty, otherSide, type Side } from './call-leg';
import { attendedTransfer } from './attended-transfer';
import { codecsFor, knownCodecs, mapPayloads, offerSdp, pointRelayAt } from './call-media';
import { notify } from './transfer-progress';
import type { RenegotiationContext, Reply } from './call-renegotiation';
import type { CallDeps } from './call-types';
import type { DialPlan } from './dialer';
import type { ForkIdentity } from './outbound-forks';

export type ResolvedTarget =
  | { ok: true; number: string; name: string; dial: DialPlan; ringTimeoutSeconds: number; trunksUsed?: readonly string[] }
  | { ok: false; status: number; reason: string };

export interface TransferContext extends RenegotiationContext {
  readonly deps: CallDeps;
  /** What a Refer-To names inside the PBX, for the transferor's extension. */
  resolve(uri: Uri, by: string): ResolvedTarget;
  /** The extension (or trunk) speaking on a side. */
  partyOn(side: Side): string;
  /** Puts a new party on a side: the old dialog is retired (its BYE answered, nothing more). */
  replaceLeg(side: Side, leg: CallLeg, party: { number: string; name: string }): void;
  /** The call and side of one of our dialogs, by Call-ID and our and the peer's tags. */
  findDialog(callId: string, localTag: string, remoteTag: string): { call: TransferContext; side: Side } | undefined;
  /** Answered, and not ending. */
  answered(): boolean;
  /** The party on `keep` moved to another call: its dialog goes with it, the other side's is retired, and this call ends without a BYE. */
  handOver(keep: Side, cause: string): void;
}

function referTarget(request: SipRequest): Uri | undefined {
  const value = request.header('refer-to');
  if (!value) return undefined;
  try {
    return parseNameAddr(value).uri;
  } catch (error) {
    if (error instanceof SipSyntaxError) return undefined;
    throw error;
  }
}

/**
 * Blind transfer (RFC 3515, RFC 5589 §6): the side that sends REFER hands its
 * party over to the Refer-To target. The media stays anchored, so the party
 * who stays on the call keeps its ports: the new target is rung with an offer
 * for the transferor's relay leg, and when it answers, the remaining party is
 * re-INVITEd (off hold) and the relay points at the new party.
 */
export async function blindTransfer(call: TransferContext, transferorSide: Side, request: SipRequest, reply: Reply): Promise<void> {
  const transferor = call.leg(transferorSide);
  const staySide = otherSide(transferorSide);
  const stay = call.leg(staySide);
  const uri = referTarget(request);
  if (!uri) return reply(400, 'Bad Request (no readable Refer-To)');
  if (uri.scheme === 'sip' && 'headers' in uri && uri.headers && /replaces=/i.test(uri.headers)) {
    const replaces = replacesInUriHeaders(uri.headers);
    if (!replaces) return reply(400, 'Bad Request (unreadable Replaces in Refer-To)');
    return attendedTransfer(call, transferorSide, replaces, reply);
  }
  const target = call.resolve(uri, call.partyOn(transferorSide));
  if (!target.ok) return reply(target.status, target.reason);
  if (call.busy) return reply(491, 'Request Pending');
  reply(202, 'Accepted');
  notify(transferor, 100, 'Trying', false);
  call.busy = true;

  const codecs = knownCodecs(stay);
  const origin = new LegOrigin();
  const identity: ForkIdentity = { caller: call.partyOn(staySide), callerName: '', callee: target.number, maxForwards: 69 };
  const outcome = await new Promise<{ dialog: Dialog; offer: Buffer; response: SipResponse } | { status: number; reason: string }>((resolve) => {
    const dialer = target.dial({
      events: {
        onProvisional: (_fork, response) => notify(transferor, response.status, response.reason, false),
        onAnswer: (fork, response) => resolve({ dialog: fork.dialog as Dialog, offer: fork.invite.body, response }),
        onAllFailed: (best) => resolve(best),
      },
      identity,
      codecs,
      // The transferor's relay leg now carries the new party: a browser gets a WebRTC offer on it (a new DTLS association once it answers).
      offer: (allowed, media) => offerSdp(call.session, transferorSide, origin, call.mediaAddress(), allowed, 'sendrecv', undefined, media === 'webrtc' ? newWebRtcParty() : undefined),
    });
    setTimeout(() => {
      dialer.close('SIP;cause=480;text="No answer"');
      resolve({ status: 480, reason: 'Temporarily Unavailable' });
    }, target.ringTimeoutSeconds * 1000).unref();
  });
  try {
    if (call.ended()) return;
    if (!('dialog' in outcome)) return notify(transferor, outcome.status, outcome.reason, true);

    const answer = describeAudio(outcome.response.body.toString('latin1'));
    const leg = new CallLeg(outcome.dialog, call.deps.transactions, origin);
    leg.lastSdp = outcome.offer;
    if ('problem' in answer) {
      leg.bye('no usable media');
      return notify(transferor, 488, 'Not Acceptable Here', true);
    }
    // The relay leg points at the new party now, not after the re-INVITE below: a browser starts its DTLS handshake
    // as soon as it has answered, and hellos we dropped meanwhile would cost it retransmissions backing off to seconds.
    // The transferor is leaving; should the re-INVITE fail, it keeps its dialog but no longer its media.
    pointRelayAt(call.session, transferorSide, leg, answer.audio, 'answer');
    // Take the remaining party off hold, with the codecs the new party chose, in its own numbering.
    const resume = offerSdp(call.session, staySide, stay.origin, call.mediaAddress(), codecsFor(stay, answer.audio.codecs), 'sendrecv', undefined, stay.webrtc);
    stay.lastSdp = resume;
    const stayAnswer = await stay.send('INVITE', [], { type: SDP, content: resume });
    const stayMedia = stayAnswer.status < 300 ? describeAudio(stayAnswer.body.toString('latin1')) : undefined;
    const negotiated = stayMedia && !('problem' in stayMedia) ? negotiate(stayMedia.audio.codecs, answer.audio.codecs) : undefined;
    if (!stayMedia || 'problem' in stayMedia || !negotiated) {
      leg.bye('transfer failed');
      return notify(transferor, 488, 'Not Acceptable Here', true);
    }
    pointRelayAt(call.session, staySide, stay, stayMedia.audio, 'answer');
    mapPayloads(call.session, { side: staySide, leg: stay }, leg, negotiated);
    call.replaceLeg(transferorSide, leg, { number: target.number, name: target.name });
    notify(transferor, 200, 'OK', true);
  } finally {
    call.busy = false;
  }
}
