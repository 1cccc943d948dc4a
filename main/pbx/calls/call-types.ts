import type { Settings } from '../../../shared/settings';
import type { Logger } from '../logger';
import type { RelaySession } from '../media/relay/media-relay';
import type { SendTarget, TransactionLayer } from '../sip/transaction/transaction-layer';
import type { SipTimerConfig } from '../sip/transaction/timer-config';

/** What a call needs from the engine. */
export interface CallDeps {
  transactions: TransactionLayer;
  /** A relay session with two port pairs (rejects when no ports are free). */
  openMediaSession(): Promise<RelaySession>;
  settings: () => Settings;
  logger: Logger;
  timers: SipTimerConfig;
  /** Our Contact header value for a peer reached at this target. */
  contactFor(target: SendTarget): string;
  /** The address we write in SDP c= lines (where phones send media). */
  mediaAddress(): string;
}
