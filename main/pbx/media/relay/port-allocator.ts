// RTP port pairs from a configured range: an even RTP port, RTCP on the next
// odd one (RFC 3550 §11). Ports are handed out round robin, so a port freed
// by one call is not reused at once and late packets of the old call do not
// reach the next one.

export class PortAllocator {
  readonly firstPort: number;
  readonly lastPort: number;
  /** How many pairs the range holds. */
  readonly capacity: number;
  private readonly used: Uint8Array;
  private cursor = 0;
  private usedCount = 0;

  constructor([low, high]: readonly [number, number]) {
    if (!Number.isInteger(low) || !Number.isInteger(high) || low < 1 || high > 65535 || low > high) {
      throw new RangeError(`RTP port range must be two integers within 1–65535, low ≤ high; got [${low}, ${high}]`);
    }
    this.firstPort = low + (low % 2);
    this.capacity = Math.floor((high - this.firstPort + 1) / 2);
    if (this.capacity < 1) throw new RangeError(`RTP port range [${low}, ${high}] holds no even/odd port pair`);
    this.lastPort = this.firstPort + 2 * this.capacity - 1;
    this.used = new Uint8Array(this.capacity);
  }

  /** Pairs in use. */
  get inUse(): number {
    return this.usedCount;
  }

  get free(): number {
    return this.capacity - this.usedCount;
  }

  /** The RTP port of the next free pair, or undefined when every pair is in use. */
  take(): number | undefined {
    if (this.usedCount === this.capacity) return undefined;
    while (this.used[this.cursor]) this.cursor = (this.cursor + 1) % this.capacity;
    const index = this.cursor;
    this.used[index] = 1;
    this.usedCount++;
    this.cursor = (index + 1) % this.capacity;
    return this.firstPort + 2 * index;
  }

  release(rtpPort: number): void {
    const index = (rtpPort - this.firstPort) / 2;
    if (!Number.isInteger(index) || index < 0 || index >= this.capacity || !this.used[index]) {
      throw new RangeError(`RTP port ${rtpPort} was not taken from this allocator`);
    }
    this.used[index] = 0;
    this.usedCount--;
  }
}
