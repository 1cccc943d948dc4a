/** RFC 3261 §17 base timers, injectable so tests can shrink time. */
export interface SipTimerConfig {
  /** RTT estimate: 500 ms. */
  readonly t1: number;
  /** Longest retransmit interval for non-INVITE requests and INVITE responses: 4 s. */
  readonly t2: number;
  /** Longest time a message stays in the network: 5 s. */
  readonly t4: number;
}

export const DEFAULT_TIMERS: SipTimerConfig = { t1: 500, t2: 4000, t4: 5000 };

/** Timer durations in ms (RFC 3261 Table 4, RFC 6026 L and M), for reliable or unreliable transports. */
export function timerDurations(config: SipTimerConfig, reliable: boolean) {
  const t64 = 64 * config.t1;
  return {
    /** B, F, H, L, M: transaction timeouts and the RFC 6026 Accepted states. */
    transactionTimeout: t64,
    /** D: client INVITE waits for response retransmissions. */
    d: reliable ? 0 : Math.max(32_000, t64 / 2),
    /** I: server INVITE absorbs ACK retransmissions. */
    i: reliable ? 0 : config.t4,
    /** J: server non-INVITE absorbs request retransmissions. */
    j: reliable ? 0 : t64,
    /** K: client non-INVITE absorbs response retransmissions. */
    k: reliable ? 0 : config.t4,
  };
}
