import { describeAudio, type Codec } from '../media/sdp/audio-description';
import { negotiate } from '../media/sdp/codec-negotiation';
import type { Replaces } from '../sip/message/replaces';
import { RELAY_LEG, SDP, otherSide, type Side } from './call-leg';
import { codecsFor, mapPayloads, offerSdp, pointRelayAt } from './call-media';
import type { Reply } from './call-renegotiation';
import type { TransferContext } from './call-transfer';
import { notify } from './transfer-progress';

/**
 * Attended transfer (RFC 5589 §7): the transferor, in a call with the party
 * who stays, sends REFER with a Refer-To whose Replaces names its dialog in a
 * second call. As a B2BUA we join the two far parties ourselves, in the
 * REFER's call: the second call's far party (who moves) is re-INVITEd onto
 * the transferor's relay leg of this call, the party who stays is taken off
 * hold, and the second call ends without a word to the mover.
 *
 * A browser that moves keeps its DTLS session across the re-INVITE's ICE
 * restart (the relay's certificate and the DTLS roles do not change), so its
 * new relay leg takes over the SRTP keys of its old one (adoptWebRtc).
 */
/** The codecs, and the party's telephone-event when they do not list it already. */
function withDtmf(codecs: readonly Codec[], dtmf: Codec | undefined): readonly Codec[] {
  return dtmf && !codecs.some((c) => c.pt === dtmf.pt) ? [...codecs, dtmf] : codecs;
}

export async function attendedTransfer(call: TransferContext, transferorSide: Side, replaces: Replaces, reply: Reply): Promise<void> {
  // Replaces carries the tags as the transferor sees its dialog; ours are the other way round, whichever side called.
  const found = call.findDialog(replaces.callId, replaces.toTag, replaces.fromTag) ?? call.findDialog(replaces.callId, replaces.fromTag, replaces.toTag);
  if (!found) return reply(481, 'Call/Transaction Does Not Exist (Replaces names no call here)');
  const { call: other, side: otherTransferorSide } = found;
  if (other === call) return reply(400, 'Bad Request (Replaces names the call the REFER came in)');
  if (!other.answered() || !call.answered()) return reply(488, 'Not Acceptable Here (both calls must be answered to join them)');
  if (call.busy || other.busy) return reply(491, 'Request Pending');

  const transferor = call.leg(transferorSide);
  const staySide = otherSide(transferorSide);
  const stay = call.leg(staySide);
  const moverSide = otherSide(otherTransferorSide);
  const mover = other.leg(moverSide);
  const codecs = codecsFor(mover, stay.codecs);
  if (codecs.length === 0) return reply(488, 'Not Acceptable Here (the two parties have no codec in common)');
  const keys = mover.webrtc ? other.session.webRtcKeys(RELAY_LEG[moverSide]) : undefined;
  if (mover.webrtc && !keys) return reply(488, 'Not Acceptable Here (the other call’s media is not connected yet)');

  reply(202, 'Accepted');
  notify(transferor, 100, 'Trying', false);
  call.busy = true;
  other.busy = true;
  try {
    // The mover's media comes to this call's relay leg. For a browser that leg's ICE credentials are new (an ICE
    // restart) and the DTLS roles stay; they are the transferor's too, whose checks go on being answered but no
    // longer select where media goes, so a refused move leaves the transferor's call as it was.
    const move = offerSdp(call.session, transferorSide, mover.origin, call.mediaAddress(), withDtmf(codecs, mover.dtmf), 'sendrecv', undefined, mover.webrtc);
    mover.lastSdp = move;
    const moved = await mover.send('INVITE', [], { type: SDP, content: move });
    if (call.ended() || other.ended()) return;
    if (moved.status >= 300) return notify(transferor, moved.status, moved.reason, true);
    const answer = describeAudio(moved.body.toString('latin1'));
    if ('problem' in answer) return notify(transferor, 488, 'Not Acceptable Here', true);
    pointRelayAt(call.session, transferorSide, mover, answer.audio, 'answer', keys);

    // Take the party who stays off hold, with the codecs the mover chose, in its own numbering.
    const resume = offerSdp(call.session, staySide, stay.origin, call.mediaAddress(), codecsFor(stay, answer.audio.codecs), 'sendrecv', undefined, stay.webrtc);
    stay.lastSdp = resume;
    const stayAnswer = await stay.send('INVITE', [], { type: SDP, content: resume });
    const stayMedia = stayAnswer.status < 300 ? describeAudio(stayAnswer.body.toString('latin1')) : undefined;
    const negotiated = stayMedia && !('problem' in stayMedia) ? negotiate(stayMedia.audio.codecs, answer.audio.codecs) : undefined;
    if (!stayMedia || 'problem' in stayMedia || !negotiated) return notify(transferor, 488, 'Not Acceptable Here', true);
    pointRelayAt(call.session, staySide, stay, stayMedia.audio, 'answer');
    mapPayloads(call.session, { side: staySide, leg: stay }, mover, negotiated);

    const moverParty = other.partyOn(moverSide);
    call.replaceLeg(transferorSide, mover, { number: moverParty, name: '' });
    other.handOver(moverSide, `joined with ${call.partyOn(staySide)} by an attended transfer`);
    notify(transferor, 200, 'OK', true);
  } finally {
    call.busy = false;
    other.busy = false;
  }
}
