// The RTP stream the relay sends toward one leg, as that leg's phone sees it:
// the packets forwarded from the other leg plus any DTMF packets the relay
// injected (RFC 4733). Each injected packet takes the next sequence number, so
// every later forwarded packet is shifted by one more: the far end sees one
// contiguous sequence (RFC 3550 §5.1) and counts no loss.

import { randomBytes } from 'node:crypto';
import { sequenceOf, setSequence, ssrcOf, timestampOf } from './rtp-header';

export class OutboundStream {
  private sequenceOffset = 0;
  /** Until the first forwarded packet, random like a new RTP source (RFC 3550 §5.1). */
  private lastSequence: number;
  private lastTimestamp: number;
  private lastSentAt = Date.now();
  private forwarding = false;
  ssrc: number;

  constructor() {
    const random = randomBytes(8);
    this.lastSequence = random.readUInt16BE(0);
    this.lastTimestamp = random.readUInt32BE(2);
    this.ssrc = random.readUInt32BE(4);
  }

  /** Shifts a forwarded packet's sequence number past the injected ones and notes where the stream is. */
  forward(packet: Buffer, now: number): void {
    let sequence = sequenceOf(packet);
    if (this.sequenceOffset !== 0) {
      sequence = (sequence + this.sequenceOffset) & 0xffff;
      setSequence(packet, sequence);
    }
    // The first packet of a source, or a newer one, moves the stream on (a late one must not rewind it).
    const ssrc = ssrcOf(packet);
    if (ssrc !== this.ssrc || !this.forwarding || ((sequence - this.lastSequence) & 0xffff) < 0x8000) {
      this.forwarding = true;
      this.lastSequence = sequence;
      this.lastTimestamp = timestampOf(packet);
      this.lastSentAt = now;
      this.ssrc = ssrc;
    }
  }

  /** The sequence number for an injected packet. */
  nextInjectedSequence(): number {
    this.lastSequence = (this.lastSequence + 1) & 0xffff;
    this.sequenceOffset = (this.sequenceOffset + 1) & 0xffff;
    return this.lastSequence;
  }

  /** The stream's RTP timestamp at `now`, running on from the last forwarded packet at `clockRate`. */
  timestampAt(now: number, clockRate: number): number {
    return (this.lastTimestamp + Math.round(((now - this.lastSentAt) * clockRate) / 1000)) >>> 0;
  }
}
