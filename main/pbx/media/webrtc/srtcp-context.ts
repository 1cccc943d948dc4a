// SRTCP (RFC 3711 §3.4) for one direction: a compound RTCP packet keeps its
// first 8 bytes (header and sender SSRC) in the clear, the rest is AES-CM
// encrypted, then come the E flag with the 31-bit SRTCP index and the 80-bit
// HMAC-SHA1 tag over all of it. The index counts the packets this context
// sent; received ones are checked against a replay window per sender SSRC.

import { RTCP_MIN_BYTES } from '../relay/rtp-header';
import { ReplayWindow } from './replay-window';
import { AUTH_TAG_BYTES, type SrtpMasterKeys } from './srtp-key-derivation';
import { SrtpSessionCrypto } from './srtp-session-crypto';
import { tagMatches, writeTag } from './tag-compare';

const INDEX_BYTES = 4;
const ENCRYPTED_FLAG = 0x80000000;
const MAX_INDEX = 0x7fffffff;
const MAX_SENDERS = 32;

export class SrtcpContext {
  private readonly crypto: SrtpSessionCrypto;
  private nextIndex = 0;
  private readonly replay = new Map<number, ReplayWindow>();

  constructor(master: SrtpMasterKeys) {
    this.crypto = new SrtpSessionCrypto(master, 'rtcp');
  }

  /** The SRTCP packet for a compound RTCP packet (a new buffer); undefined when shorter than an RTCP header. */
  protect(packet: Buffer): Buffer | undefined {
    if (packet.length < RTCP_MIN_BYTES) return undefined;
    const index = this.nextIndex;
    // The index wraps after 2^31 packets; re-keying would be due long before (a century of RTCP).
    this.nextIndex = (this.nextIndex + 1) & MAX_INDEX;
    const trailerAt = packet.length;
    const out = Buffer.allocUnsafe(packet.length + INDEX_BYTES + AUTH_TAG_BYTES);
    packet.copy(out);
    this.crypto.crypt(packet.readUInt32BE(4), index, out, RTCP_MIN_BYTES, trailerAt);
    out.writeUInt32BE((ENCRYPTED_FLAG | index) >>> 0, trailerAt);
    writeTag(this.crypto.mac.digest(out, 0, trailerAt + INDEX_BYTES), out, trailerAt + INDEX_BYTES, AUTH_TAG_BYTES);
    return out;
  }

  /** The compound RTCP packet inside, decrypted in place; undefined when it fails authentication, is a replay, or is too short. */
  unprotect(packet: Buffer): Buffer | undefined {
    const tagAt = packet.length - AUTH_TAG_BYTES;
    const trailerAt = tagAt - INDEX_BYTES;
    if (trailerAt < RTCP_MIN_BYTES) return undefined;
    // The authenticated bytes end with the E flag and index (RFC 3711 §3.4).
    if (!tagMatches(this.crypto.mac.digest(packet, 0, tagAt), packet, tagAt, AUTH_TAG_BYTES)) return undefined;
    const trailer = packet.readUInt32BE(trailerAt);
    const index = trailer & MAX_INDEX;
    const ssrc = packet.readUInt32BE(4);
    const window = this.windowOf(ssrc);
    if (!window.isFresh(index)) return undefined;
    window.accept(index);
    if (trailer & ENCRYPTED_FLAG) this.crypto.crypt(ssrc, index, packet, RTCP_MIN_BYTES, trailerAt);
    return packet.subarray(0, trailerAt);
  }

  private windowOf(ssrc: number): ReplayWindow {
    let window = this.replay.get(ssrc);
    if (!window) {
      if (this.replay.size >= MAX_SENDERS) this.replay.delete(this.replay.keys().next().value as number);
      window = new ReplayWindow();
      this.replay.set(ssrc, window);
    }
    return window;
  }
}
