/**
 * Slows down password guessing per source address: after FREE_ATTEMPTS failures
 * inside WINDOW_MS, each further attempt waits for a lockout that doubles up to
 * MAX_LOCK_MS. A success clears the address. Memory is bounded by MAX_TRACKED.
 */
const FREE_ATTEMPTS = 5;
const WINDOW_MS = 15 * 60 * 1000;
const BASE_LOCK_MS = 30 * 1000;
const MAX_LOCK_MS = 15 * 60 * 1000;
const MAX_TRACKED = 10_000;

interface Record {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

export class LoginGuard {
  private readonly byAddress = new Map<string, Record>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds the address must still wait, 0 when it may try. */
  retryAfter(address: string): number {
    const record = this.byAddress.get(address);
    if (!record) return 0;
    return Math.max(0, record.lockedUntil - this.now());
  }

  recordFailure(address: string): void {
    const now = this.now();
    let record = this.byAddress.get(address);
    if (!record || now - record.firstAt > WINDOW_MS) {
      record = { failures: 0, firstAt: now, lockedUntil: 0 };
      if (this.byAddress.size >= MAX_TRACKED) this.evictOldest();
      this.byAddress.set(address, record);
    }
    record.failures++;
    const over = record.failures - FREE_ATTEMPTS;
    if (over >= 0) record.lockedUntil = now + Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(over, 10));
  }

  recordSuccess(address: string): void {
    this.byAddress.delete(address);
  }

  private evictOldest(): void {
    const oldest = this.byAddress.keys().next();
    if (!oldest.done) this.byAddress.delete(oldest.value);
  }
}
