// Loss from RTP sequence numbers, after RFC 3550 Appendix A.1 (extended
// sequence numbers across 16-bit wraparound) and A.3 (lost = expected −
// received). Without A.1's probation: the first packet starts the count.

const SEQ_MOD = 0x10000;
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;

export class SequenceTracker {
  private started = false;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  private received = 0;
  /** A.1's bad_seq: after a big jump, the sequence number that would confirm a restart. */
  private badSeq = SEQ_MOD + 1;
  /** Loss of the streams before a restart or an SSRC change. */
  private earlierLoss = 0;

  update(sequence: number): void {
    if (!this.started) return this.begin(sequence);
    const delta = (sequence - this.maxSeq + SEQ_MOD) % SEQ_MOD;
    if (delta < MAX_DROPOUT) {
      // In order, with a gap smaller than MAX_DROPOUT: a smaller number means we wrapped.
      if (sequence < this.maxSeq) this.cycles += SEQ_MOD;
      this.maxSeq = sequence;
    } else if (delta <= SEQ_MOD - MAX_MISORDER) {
      // A big jump: a restarted sender if the next packet follows it, else one stray packet.
      if (sequence !== this.badSeq) {
        this.badSeq = (sequence + 1) % SEQ_MOD;
        return;
      }
      this.restart();
      return this.begin(sequence);
    }
    // Anything else is a duplicate or a late packet: counted, as A.3 does.
    this.received++;
  }

  /** A new stream (SSRC) begins with the next packet; the loss so far is kept. */
  restart(): void {
    this.earlierLoss += this.currentLoss();
    this.started = false;
  }

  /** Packets lost so far, never negative (duplicates can make received exceed expected). */
  get lost(): number {
    return this.earlierLoss + this.currentLoss();
  }

  private currentLoss(): number {
    if (!this.started) return 0;
    const expected = this.cycles + this.maxSeq - this.baseSeq + 1;
    return Math.max(0, expected - this.received);
  }

  private begin(sequence: number): void {
    this.started = true;
    this.baseSeq = sequence;
    this.maxSeq = sequence;
    this.cycles = 0;
    this.received = 1;
    this.badSeq = SEQ_MOD + 1;
  }
}
