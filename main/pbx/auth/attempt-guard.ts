/**
 * Slows down guessing: after `freeAttempts` failures for a key inside
 * `windowMs`, the key is locked for a time that doubles with each further
 * failure, up to `maxLockMs`. A success clears the key. Memory is bounded by
 * `maxTracked` (the oldest key is forgotten first).
 */
export interface AttemptGuardOptions {
  freeAttempts: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
  maxTracked: number;
}

interface Attempts {
  failures: number;
  firstAt: number;
  lockedUntil: number;
}

/** Web sign-in per source address: 5 free tries in 15 minutes, then 30 s doubling to 15 minutes. */
export const WEB_LOGIN_GUARD: AttemptGuardOptions = { freeAttempts: 5, windowMs: 15 * 60_000, baseLockMs: 30_000, maxLockMs: 15 * 60_000, maxTracked: 10_000 };

/**
 * SIP digest per source address and user: a phone with a wrong password
 * (which may retry many times a second) or a scanner guessing one extension.
 * Keyed by user too, so one broken phone behind an office NAT does not lock
 * out its neighbours. The number of free attempts is a setting.
 */
export function sipAuthGuard(freeAttempts: number): AttemptGuardOptions {
  return { freeAttempts, windowMs: 60_000, baseLockMs: 60_000, maxLockMs: 30 * 60_000, maxTracked: 50_000 };
}

export class AttemptGuard {
  private readonly byKey = new Map<string, Attempts>();

  constructor(
    private readonly options: AttemptGuardOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the key must still wait, 0 when it may try. */
  retryAfter(key: string): number {
    const attempts = this.byKey.get(key);
    return attempts ? Math.max(0, attempts.lockedUntil - this.now()) : 0;
  }

  /** Records a failure; true when this failure locks the key (so it is logged once). */
  recordFailure(key: string): boolean {
    const now = this.now();
    let attempts = this.byKey.get(key);
    if (!attempts || now - attempts.firstAt > this.options.windowMs) {
      attempts = { failures: 0, firstAt: now, lockedUntil: 0 };
      if (this.byKey.size >= this.options.maxTracked) this.evictOldest();
      this.byKey.set(key, attempts);
    }
    attempts.failures++;
    const over = attempts.failures - this.options.freeAttempts;
    if (over < 0) return false;
    const wasLocked = attempts.lockedUntil > now;
    attempts.lockedUntil = now + Math.min(this.options.maxLockMs, this.options.baseLockMs * 2 ** Math.min(over, 20));
    return !wasLocked;
  }

  recordSuccess(key: string): void {
    this.byKey.delete(key);
  }

  private evictOldest(): void {
    const oldest = this.byKey.keys().next();
    if (!oldest.done) this.byKey.delete(oldest.value);
  }
}
