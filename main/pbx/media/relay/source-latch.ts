// Symmetric RTP (RFC 4961): a phone behind NAT is reached at the address its
// packets come from, not the one its SDP names. The first source is latched;
// a different source takes over only once the latched one has been silent for
// RELATCH_AFTER_SILENCE_MS (a NAT rebinding), so a third party cannot hijack
// an active stream by sending to the relay port ("RTP bleed").

export const RELATCH_AFTER_SILENCE_MS = 2000;

export class SourceLatch {
  /** The latched source; undefined until the first packet. */
  address: string | undefined;
  port = 0;
  private lastHeardAt = 0;

  /** Whether a packet from address:port comes from this leg's peer; latches or re-latches as above. */
  accept(address: string, port: number, now: number): boolean {
    if (address === this.address && port === this.port) {
      this.lastHeardAt = now;
      return true;
    }
    if (this.address !== undefined && now - this.lastHeardAt < RELATCH_AFTER_SILENCE_MS) return false;
    this.address = address;
    this.port = port;
    this.lastHeardAt = now;
    return true;
  }

  /** Forget the source (the peer announced a new address): the next packet latches again. */
  reset(): void {
    this.address = undefined;
    this.port = 0;
  }
}
