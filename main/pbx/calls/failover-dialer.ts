import { isTelephoneEvent, type Codec } from '../media/sdp/audio-description';
import { shouldFailOver } from '../routing/failover';
import type { DialContext, Dialer } from './dialer';
import type { Fork, OutboundForks, RingTarget } from './outbound-forks';

/** One trunk to try: where and how to send, and which codecs it may carry. */
export interface TrunkAttempt {
  readonly trunk: string;
  readonly ring: RingTarget;
  /** Codec names the trunk allows (case-insensitive). */
  readonly codecs: readonly string[];
  /** Leave telephone-event out of the offer (the trunk wants DTMF as INFO or in band). */
  readonly withoutTelephoneEvent: boolean;
}

function allowedCodecs(codecs: readonly Codec[], attempt: TrunkAttempt): Codec[] {
  const allowed = new Set(attempt.codecs.map((c) => c.toLowerCase()));
  return codecs.filter((c) => (isTelephoneEvent(c) ? !attempt.withoutTelephoneEvent : allowed.has(c.name.toLowerCase())));
}

/**
 * Tries trunks in order: the next one only when the last failed in a way
 * another trunk may fix (5xx, 408, timeout, trunk-side auth or codec
 * trouble); an answer about the callee (busy, declined) ends the attempt.
 */
export class FailoverDialer implements Dialer {
  private current: OutboundForks | undefined;
  private index = -1;
  private closed = false;
  private last: { status: number; reason: string } = { status: 503, reason: 'Service Unavailable (no trunk could take the call)' };

  constructor(
    private readonly context: DialContext,
    private readonly attempts: readonly TrunkAttempt[],
    private readonly makeForks: (events: DialContext['events']) => OutboundForks,
    private readonly onAttempt?: (attempt: TrunkAttempt) => void,
  ) {
    this.next();
  }

  get winner(): Fork | undefined {
    return this.current?.winner;
  }

  private next(): void {
    if (this.closed) return;
    this.index++;
    const attempt = this.attempts[this.index];
    if (!attempt) return this.context.events.onAllFailed(this.last);
    const codecs = allowedCodecs(this.context.codecs, attempt);
    if (!codecs.some((c) => !isTelephoneEvent(c))) {
      this.last = { status: 488, reason: `Not Acceptable Here (no codec in common with trunk ${attempt.trunk})` };
      return this.next();
    }
    this.onAttempt?.(attempt);
    this.current = this.makeForks({
      onProvisional: (fork, response) => this.context.events.onProvisional(fork, response),
      onAnswer: (fork, response) => this.context.events.onAnswer(fork, response),
      onAllFailed: (best) => {
        this.last = best;
        if (shouldFailOver(best.status) && this.index + 1 < this.attempts.length) this.next();
        else this.context.events.onAllFailed(best);
      },
    });
    this.current.ring([attempt.ring], this.context.identity, (ring) => this.context.offer(codecs, ring.media));
  }

  close(reason?: string): void {
    this.closed = true;
    this.current?.close(reason);
  }
}
