import type { Disposition } from '../../../shared/call-records';

/**
 * Which failure to pass back when every fork failed (RFC 3261 §16.7 step 6,
 * simplified for a B2BUA): a 6xx wins; then a 4xx over a 5xx; among 4xx,
 * busy before anything else, a timeout (408) last.
 */
export function bestFailure(statuses: readonly { status: number; reason: string }[]): { status: number; reason: string } {
  const rank = (s: number) => (s >= 600 ? 0 : s === 486 ? 1 : s >= 400 && s < 500 && s !== 408 ? 2 : s >= 500 ? 3 : 4);
  const sorted = [...statuses].sort((a, b) => rank(a.status) - rank(b.status) || a.status - b.status);
  return sorted[0] ?? { status: 480, reason: 'Temporarily Unavailable' };
}

/** What a failure status means for the call record. */
export function dispositionOf(status: number): Disposition {
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 487) return 'cancelled';
  if (status === 408) return 'no-answer';
  if (status === 480) return 'unavailable';
  if (status === 404 || status === 484 || status === 604) return 'not-found';
  return 'failed';
}
