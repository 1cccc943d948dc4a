// Replay protection for SRTP and SRTCP (RFC 3711 §3.3.2): a sliding window
// of the last REPLAY_WINDOW indices below the highest one received. Older
// packets are rejected, and so is any index seen before.

const REPLAY_WINDOW = 64;

export class ReplayWindow {
  private highest = -1;
  /** seen[index % REPLAY_WINDOW]: whether that index (within the window) arrived. */
  private readonly seen = new Uint8Array(REPLAY_WINDOW);

  /** Whether a packet with this index may be accepted (it is then recorded with accept()). */
  isFresh(index: number): boolean {
    if (index > this.highest) return true;
    if (this.highest - index >= REPLAY_WINDOW) return false;
    return this.seen[slot(index)] === 0;
  }

  /** Records an authenticated packet's index. */
  accept(index: number): void {
    if (index > this.highest) {
      // The indices between the old highest and this one enter the window unreceived.
      const entering = this.highest < 0 ? REPLAY_WINDOW : Math.min(index - this.highest - 1, REPLAY_WINDOW);
      for (let i = 1; i <= entering; i++) this.seen[slot(index - i)] = 0;
      this.highest = index;
    }
    this.seen[slot(index)] = 1;
  }
}

function slot(index: number): number {
  return ((index % REPLAY_WINDOW) + REPLAY_WINDOW) % REPLAY_WINDOW;
}
