/** How an attempt on one trunk ended: a final SIP status, or no answer at all. */
export type TrunkAttemptOutcome = number | 'timeout' | 'transport-error';

/**
 * 4xx that are about this trunk, not the callee, so another provider may
 * succeed: our credentials refused (401/407 after the digest retry), the
 * account may not call there (403, e.g. no credit or a blocked destination),
 * no codec in common with this provider (488).
 */
const TRUNK_FAULTS = new Set([401, 403, 407, 408, 488]);

/**
 * Whether to try the next trunk of a route. Yes when the trunk could not
 * carry the call: server failures (5xx, RFC 3261 §21.5, 503 included), 408,
 * no answer (Timer B/F, §17.1.1.2) or a transport error (§8.1.3.1), and the
 * trunk faults above. No when the callee answered for itself: busy (486),
 * no such number (404, 410, 484), unavailable (480), declined (603) and every
 * 6xx (§21.6: no other path will do better); a busy number must not ring out
 * on the second trunk.
 */
export function shouldFailOver(outcome: TrunkAttemptOutcome): boolean {
  if (outcome === 'timeout' || outcome === 'transport-error') return true;
  return (outcome >= 500 && outcome <= 599) || TRUNK_FAULTS.has(outcome);
}
