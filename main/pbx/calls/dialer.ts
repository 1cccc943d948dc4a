import type { Codec } from '../media/sdp/audio-description';
import type { MediaKind } from './call-leg';
import type { Fork, ForkEvents, ForkIdentity } from './outbound-forks';

/** What places the callee side of a call: ringing devices in parallel, or trunks one after another. */
export interface Dialer {
  readonly winner: Fork | undefined;
  /** Gives up: nothing may win any more; what is ringing is cancelled. */
  close(reason?: string): void;
}

/** What a dial plan gets from the call when it starts. */
export interface DialContext {
  events: ForkEvents;
  identity: ForkIdentity;
  /** The caller's offerable codecs (its payload numbers, its order). */
  codecs: readonly Codec[];
  /** Our SDP offer for the callee leg with these codecs, for a plain phone or a browser. */
  offer(codecs: readonly Codec[], media: MediaKind): Buffer;
}

/** How to reach the callee; the call decides when. */
export type DialPlan = (context: DialContext) => Dialer;
