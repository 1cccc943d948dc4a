/** How often the clock is read. */
const TICK_MS = 2_000;
/**
 * A gap this much longer than a tick means the computer slept (or the tab was
 * frozen). Background tabs have their timers throttled to once a minute at
 * worst, which would look like a gap too: a false alarm costs one REGISTER
 * (the phone only checks its registration on a wake), a missed sleep costs a
 * phone that cannot ring, so the threshold stays short.
 */
const JUMP_MS = 15_000;

/**
 * Notices the computer waking from sleep: the wall clock jumps ahead of a
 * timer that could not run meanwhile. Returns the stop function.
 */
export function watchForWake(onWake: (sleptMs: number) => void, now: () => number = Date.now): () => void {
  let last = now();
  const timer = setInterval(() => {
    const current = now();
    const gap = current - last;
    last = current;
    if (gap > TICK_MS + JUMP_MS) onWake(gap - TICK_MS);
  }, TICK_MS);
  return () => clearInterval(timer);
}
