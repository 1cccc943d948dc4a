import type { SipRequest, SipResponse } from '../message/sip-message';
import { serializeMessage } from '../message/serializer';
import type { QueuedTimer } from './fixed-delay-queue';
import type { TransactionContext } from './transaction-context';

export type ServerInviteState = 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export interface ServerInviteDelegate {
  /** Timer H fired: the caller never acknowledged our final failure response. */
  onAckTimeout?(): void;
}

/**
 * INVITE server transaction (RFC 3261 §17.2.1 with the RFC 6026 Accepted
 * state). In Completed it retransmits a 3xx–6xx answer on Timer G until the
 * ACK arrives or Timer H fires. A 2xx moves it to Accepted for Timer L: the
 * 2xx is the TU's to retransmit, and its ACK belongs to the dialog.
 */
export class ServerInviteTransaction {
  state: ServerInviteState = 'proceeding';
  delegate: ServerInviteDelegate | undefined;
  private lastResponse: Buffer | undefined;
  private timerG: NodeJS.Timeout | undefined;
  private intervalG: number;
  private timerH: QueuedTimer | undefined;
  private timerIorL: QueuedTimer | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    private readonly send: (bytes: Buffer) => void,
    private readonly reliable: boolean,
    private readonly context: TransactionContext,
  ) {
    this.intervalG = context.timers.t1;
  }

  /** The INVITE again: repeat the last provisional or final response (§17.2.1). */
  receiveRetransmission(): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.lastResponse) this.send(this.lastResponse);
  }

  /** An ACK for our 3xx–6xx: stop retransmitting (§17.2.1). */
  receiveAck(): void {
    if (this.state !== 'completed') return;
    this.state = 'confirmed';
    clearTimeout(this.timerG);
    this.context.cancel(this.timerH);
    this.timerIorL = this.context.after(this.context.durations(this.reliable).i, () => this.terminate());
  }

  respond(response: SipResponse): void {
    const bytes = serializeMessage(response);
    if (this.state === 'accepted' && response.status >= 200 && response.status < 300) {
      // A 2xx retransmitted by the TU passes straight to the transport (RFC 6026 §7.1).
      this.send(bytes);
      return;
    }
    if (this.state !== 'proceeding') return;
    this.lastResponse = bytes;
    this.send(bytes);
    if (response.status < 200) return;
    const durations = this.context.durations(this.reliable);
    if (response.status < 300) {
      this.state = 'accepted';
      this.timerIorL = this.context.after(durations.transactionTimeout, () => this.terminate());
      return;
    }
    this.state = 'completed';
    if (!this.reliable) this.scheduleG();
    this.timerH = this.context.after(durations.transactionTimeout, () => {
      this.delegate?.onAckTimeout?.();
      this.terminate();
    });
  }

  private scheduleG(): void {
    this.timerG = setTimeout(() => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.send(this.lastResponse);
      this.intervalG = Math.min(this.intervalG * 2, this.context.timers.t2);
      this.scheduleG();
    }, this.intervalG);
    this.timerG.unref();
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    clearTimeout(this.timerG);
    this.context.cancel(this.timerH);
    this.context.cancel(this.timerIorL);
    this.context.onTerminated(this.key);
  }
}
