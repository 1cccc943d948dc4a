import type { SipRequest, SipResponse } from '../message/sip-message';
import type { ClientTransactionDelegate } from './client-transaction-delegate';
import type { QueuedTimer } from './fixed-delay-queue';
import type { TransactionContext } from './transaction-context';

export type ClientNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/**
 * Non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6). On UDP it
 * retransmits on Timer E (T1 doubling to T2; T2 once a provisional came);
 * Timer F ends it with a timeout; Timer K absorbs response retransmissions.
 */
export class ClientNonInviteTransaction {
  state: ClientNonInviteState = 'trying';
  private timerE: NodeJS.Timeout | undefined;
  private intervalE: number;
  private timerF: QueuedTimer | undefined;
  private timerK: QueuedTimer | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    private readonly send: () => void,
    private readonly reliable: boolean,
    private readonly context: TransactionContext,
    private readonly delegate: ClientTransactionDelegate,
  ) {
    this.intervalE = context.timers.t1;
  }

  start(): void {
    this.send();
    if (!this.reliable) this.scheduleE();
    this.timerF = this.context.after(this.context.durations(this.reliable).transactionTimeout, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.terminate();
      this.delegate.onTimeout();
    });
  }

  private scheduleE(): void {
    this.timerE = setTimeout(() => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.send();
      this.intervalE = this.state === 'proceeding' ? this.context.timers.t2 : Math.min(this.intervalE * 2, this.context.timers.t2);
      this.scheduleE();
    }, this.intervalE);
    this.timerE.unref();
  }

  receiveResponse(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      this.delegate.onResponse(response);
      return;
    }
    this.state = 'completed';
    clearTimeout(this.timerE);
    this.context.cancel(this.timerF);
    this.delegate.onResponse(response);
    this.timerK = this.context.after(this.context.durations(this.reliable).k, () => this.terminate());
  }

  transportError(error: Error): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    this.terminate();
    this.delegate.onTransportError(error);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    clearTimeout(this.timerE);
    this.context.cancel(this.timerF);
    this.context.cancel(this.timerK);
    this.context.onTerminated(this.key);
  }
}
