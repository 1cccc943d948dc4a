/**
 * Non-INVITE server transactions that have sent their final response and only
 * wait out Timer J (RFC 3261 §17.2.2: 64*T1 on UDP) to answer retransmissions
 * with the same bytes. A registrar at thousands of requests a second keeps
 * hundreds of thousands of these, so each is only its key, its response and
 * its sender; expiry is a FIFO of keys in parallel arrays (one delay, so
 * insertion order is deadline order), not a timer or closure per entry.
 */
interface Lingering {
  bytes: Buffer;
  send: (bytes: Buffer) => void;
}

export class LingeringResponses {
  private readonly entries = new Map<string, Lingering>();
  private dues: number[] = [];
  private keys: string[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(key: string, bytes: Buffer, send: (bytes: Buffer) => void): void {
    this.entries.set(key, { bytes, send });
    this.dues.push(this.now() + this.delayMs);
    this.keys.push(key);
    if (!this.timer) this.arm();
  }

  /** A retransmitted request: true (and the response sent again) when it matched. */
  resend(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    entry.send(entry.bytes);
    return true;
  }

  private arm(): void {
    const due = this.dues[this.head];
    if (due === undefined) return;
    this.timer = setTimeout(() => this.expire(), Math.max(0, due - this.now()));
    this.timer.unref();
  }

  private expire(): void {
    this.timer = undefined;
    const now = this.now();
    while (this.head < this.dues.length && (this.dues[this.head] as number) <= now) {
      this.entries.delete(this.keys[this.head] as string);
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.dues.length) {
      this.dues = this.dues.slice(this.head);
      this.keys = this.keys.slice(this.head);
      this.head = 0;
    }
    this.arm();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.entries.clear();
    this.dues = [];
    this.keys = [];
    this.head = 0;
  }
}
