// SRTP (RFC 3711) for one direction of one DTLS-SRTP session, profile
// SRTP_AES128_CM_HMAC_SHA1_80: AES-CM encryption of the RTP payload and an
// 80-bit HMAC-SHA1 tag over header, payload and rollover counter. The relay
// forwards several streams (SSRCs) over one session: each keeps its own
// rollover counter and replay window; the session keys are shared.

import { payloadOffsetOf, RTP_HEADER_BYTES, sequenceOf, ssrcOf } from '../relay/rtp-header';
import { ReplayWindow } from './replay-window';
import { AUTH_TAG_BYTES, type SrtpMasterKeys } from './srtp-key-derivation';
import { SrtpSessionCrypto } from './srtp-session-crypto';
import { tagMatches, writeTag } from './tag-compare';

/** Streams tracked per direction; beyond this the oldest is forgotten (a new SSRC per transfer is the usual growth). */
const MAX_STREAMS = 32;
const SEQ_MOD = 0x10000;
/**
 * Rollover counters tried on a stream's first packet. A stream joined late
 * (a browser moved to this leg by an attended transfer, its SRTP session
 * going on) may be past its first wraps, about 22 minutes each at 50
 * packets/s; trying a few costs a few HMACs once per stream.
 */
const JOINING_ROCS = [0, 1, 2, 3];
const HALF_SEQ = 0x8000;

interface StreamState {
  /** The rollover counter (RFC 3711 §3.3.1) and the highest sequence number s_l. */
  roc: number;
  highestSeq: number;
  readonly replay: ReplayWindow;
}

/**
 * The rollover counter a sequence number belongs to, from the stream's state
 * (RFC 3711 §3.3.1 and Appendix A): the ROC of the index closest to s_l.
 */
function estimateRoc(state: StreamState, seq: number): number {
  if (state.highestSeq < HALF_SEQ) return seq - state.highestSeq > HALF_SEQ ? state.roc - 1 : state.roc;
  return state.highestSeq - HALF_SEQ > seq ? state.roc + 1 : state.roc;
}

/** Moves s_l and the ROC on after an accepted packet (Appendix A). */
function advance(state: StreamState, roc: number, seq: number): void {
  if (roc === state.roc + 1) {
    state.roc = roc;
    state.highestSeq = seq;
  } else if (roc === state.roc && seq > state.highestSeq) {
    state.highestSeq = seq;
  }
}

export class SrtpContext {
  private readonly crypto: SrtpSessionCrypto;
  private readonly streams = new Map<number, StreamState>();

  constructor(master: SrtpMasterKeys) {
    this.crypto = new SrtpSessionCrypto(master, 'rtp');
  }

  /** The SRTP packet for an RTP packet (a new buffer, AUTH_TAG_BYTES longer); undefined for a packet too short for its header. */
  protect(packet: Buffer): Buffer | undefined {
    const payloadOffset = packet.length >= RTP_HEADER_BYTES ? payloadOffsetOf(packet) : undefined;
    if (payloadOffset === undefined) return undefined;
    const ssrc = ssrcOf(packet);
    const seq = sequenceOf(packet);
    // The sender tracks its own index the way a receiver would, so reordered or shifted forwarded streams keep the right ROC.
    const state = this.stream(ssrc, seq);
    const roc = estimateRoc(state, seq);
    advance(state, roc, seq);
    const out = Buffer.allocUnsafe(packet.length + AUTH_TAG_BYTES);
    packet.copy(out);
    this.crypto.crypt(ssrc, roc * SEQ_MOD + seq, out, payloadOffset, packet.length);
    writeTag(this.crypto.mac.digest(out, 0, packet.length, roc), out, packet.length, AUTH_TAG_BYTES);
    return out;
  }

  /**
   * The RTP packet inside an SRTP packet, decrypted in place (a view of the
   * same buffer without the tag); undefined when it fails authentication or
   * is a replay, or is too short.
   */
  unprotect(packet: Buffer): Buffer | undefined {
    const end = packet.length - AUTH_TAG_BYTES;
    if (end < RTP_HEADER_BYTES) return undefined;
    const payloadOffset = payloadOffsetOf(packet);
    if (payloadOffset === undefined || payloadOffset > end) return undefined;
    const ssrc = ssrcOf(packet);
    const seq = sequenceOf(packet);
    const known = this.streams.get(ssrc);
    // A stream's first packet sets s_l and the ROC (RFC 3711 §3.3.1), but only once it authenticates.
    const roc = known ? estimateRoc(known, seq) : this.joiningRoc(packet, end);
    if (roc === undefined || roc < 0) return undefined;
    const state = known ?? { roc, highestSeq: seq, replay: new ReplayWindow() };
    const index = roc * SEQ_MOD + seq;
    if (!state.replay.isFresh(index)) return undefined;
    if (known && !this.authentic(packet, end, roc)) return undefined;
    if (!known) this.remember(ssrc, state);
    state.replay.accept(index);
    advance(state, roc, seq);
    this.crypto.crypt(ssrc, index, packet, payloadOffset, end);
    return packet.subarray(0, end);
  }

  private authentic(packet: Buffer, end: number, roc: number): boolean {
    return tagMatches(this.crypto.mac.digest(packet, 0, end, roc), packet, end, AUTH_TAG_BYTES);
  }

  /** The ROC under which a new stream's first packet authenticates, if any. */
  private joiningRoc(packet: Buffer, end: number): number | undefined {
    for (const roc of JOINING_ROCS) if (this.authentic(packet, end, roc)) return roc;
    return undefined;
  }

  private stream(ssrc: number, seq: number): StreamState {
    const known = this.streams.get(ssrc);
    if (known) return known;
    const state = { roc: 0, highestSeq: seq, replay: new ReplayWindow() };
    this.remember(ssrc, state);
    return state;
  }

  private remember(ssrc: number, state: StreamState): void {
    if (this.streams.size >= MAX_STREAMS) this.streams.delete(this.streams.keys().next().value as number);
    this.streams.set(ssrc, state);
  }
}
