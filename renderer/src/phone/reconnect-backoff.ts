/** The first retry comes after about a second, then twice as long each time, up to half a minute. */
const FIRST_MS = 1_000;
const MAX_MS = 30_000;

/**
 * How long to wait before reconnect attempt number `attempt` (0 = the first
 * retry): exponential, capped, with "equal jitter" (half fixed, half random)
 * so that every phone of an office does not knock at once when the engine
 * comes back after a restart.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_MS, FIRST_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
