import { SipRequest, type SipResponse } from '../message/sip-message';
import { serializeMessage } from '../message/serializer';
import type { ClientTransactionDelegate } from './client-transaction-delegate';
import type { QueuedTimer } from './fixed-delay-queue';
import type { TransactionContext } from './transaction-context';

export type ClientInviteState = 'calling' | 'proceeding' | 'completed' | 'accepted' | 'terminated';

/**
 * The ACK a client transaction sends for a 3xx–6xx (RFC 3261 §17.1.1.3): the
 * INVITE's Request-URI, Call-ID, From, CSeq number, top Via and Route, and the
 * response's To (with its tag).
 */
export function ackForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const headers = [
    { name: 'via', value: invite.topViaText() },
    ...invite.headers.filter((h) => h.name === 'route'),
    { name: 'max-forwards', value: '70' },
    { name: 'from', value: invite.header('from') ?? '' },
    { name: 'to', value: response.header('to') ?? '' },
    { name: 'call-id', value: invite.header('call-id') ?? '' },
    { name: 'cseq', value: `${invite.cseq.seq} ACK` },
  ];
  return new SipRequest('ACK', invite.uri, headers);
}

/**
 * INVITE client transaction (RFC 3261 §17.1.1 with the RFC 6026 Accepted
 * state). Timer A retransmits on UDP, Timer B times out; a 3xx–6xx is ACKed
 * here and absorbed for Timer D; 2xx responses go to the TU for Timer M, since
 * every fork's 2xx must reach it (the TU sends their ACKs).
 */
export class ClientInviteTransaction {
  state: ClientInviteState = 'calling';
  private timerA: NodeJS.Timeout | undefined;
  private intervalA: number;
  private timerB: QueuedTimer | undefined;
  private timerDorM: QueuedTimer | undefined;
  private ack: Buffer | undefined;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    private readonly send: (bytes?: Buffer) => void,
    private readonly reliable: boolean,
    private readonly context: TransactionContext,
    private readonly delegate: ClientTransactionDelegate,
  ) {
    this.intervalA = context.timers.t1;
  }

  start(): void {
    this.send();
    if (!this.reliable) this.scheduleA();
    this.timerB = this.context.after(this.context.durations(this.reliable).transactionTimeout, () => {
      if (this.state !== 'calling' && this.state !== 'proceeding') return;
      this.terminate();
      this.delegate.onTimeout();
    });
  }

  private scheduleA(): void {
    this.timerA = setTimeout(() => {
      if (this.state !== 'calling') return;
      this.send();
      this.intervalA *= 2;
      this.scheduleA();
    }, this.intervalA);
    this.timerA.unref();
  }

  receiveResponse(response: SipResponse): void {
    const status = response.status;
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        clearTimeout(this.timerA);
        if (status < 200) {
          this.state = 'proceeding';
        } else if (status < 300) {
          this.state = 'accepted';
          this.context.cancel(this.timerB);
          this.timerDorM = this.context.after(this.context.durations(this.reliable).transactionTimeout, () => this.terminate());
        } else {
          this.state = 'completed';
          this.context.cancel(this.timerB);
          this.ack = serializeMessage(ackForFailure(this.request, response));
          this.send(this.ack);
          this.timerDorM = this.context.after(this.context.durations(this.reliable).d, () => this.terminate());
        }
        this.delegate.onResponse(response);
        return;
      case 'completed':
        // A retransmitted failure: ACK it again, tell nobody.
        if (status >= 300 && this.ack) this.send(this.ack);
        return;
      case 'accepted':
        if (status >= 200 && status < 300) this.delegate.onResponse(response);
        return;
      case 'terminated':
        return;
    }
  }

  transportError(error: Error): void {
    if (this.state !== 'calling' && this.state !== 'proceeding') return;
    this.terminate();
    this.delegate.onTransportError(error);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    clearTimeout(this.timerA);
    this.context.cancel(this.timerB);
    this.context.cancel(this.timerDorM);
    this.context.onTerminated(this.key);
  }
}
