/**
 * Timers that all have the same delay, as Timer J, K, D, I, B, F, H, L and M do
 * for a given transport. Insertion order is deadline order, so a FIFO and one
 * armed setTimeout serve any number of them: a registrar at 14,000 requests/s
 * keeps ~450,000 transactions in Completed for Timer J (32 s), and a Node
 * Timeout per transaction would cost several times the memory and GC time.
 */
export interface QueuedTimer {
  due: number;
  fire: (() => void) | undefined;
}

export class FixedDelayQueue {
  private entries: QueuedTimer[] = [];
  private head = 0;
  private armed: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(
    readonly delay: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.length - this.head;
  }

  /** Schedules `fire`; cancel with `cancel(entry)`. */
  add(fire: () => void): QueuedTimer {
    const entry: QueuedTimer = { due: this.now() + this.delay, fire };
    this.entries.push(entry);
    if (this.size === 1) this.arm(entry.due);
    return entry;
  }

  cancel(entry: QueuedTimer | undefined): void {
    if (entry) entry.fire = undefined;
  }

  clear(): void {
    clearTimeout(this.armed);
    this.armed = undefined;
    this.entries = [];
    this.head = 0;
  }

  private arm(due: number): void {
    if (this.armed && due >= this.armedFor) return;
    clearTimeout(this.armed);
    this.armedFor = due;
    this.armed = setTimeout(() => this.run(), Math.max(0, due - this.now()));
    this.armed.unref();
  }

  private run(): void {
    this.armed = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head] as QueuedTimer;
      if (entry.due > now) break;
      this.head++;
      const fire = entry.fire;
      entry.fire = undefined;
      fire?.();
    }
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    const next = this.entries[this.head];
    if (next) this.arm(next.due);
  }
}
