import type { SipRequest, SipResponse } from '../message/sip-message';
import { serializeMessage } from '../message/serializer';
import type { TransactionContext } from './transaction-context';

export type ServerNonInviteState = 'trying' | 'proceeding' | 'completed' | 'terminated';

/**
 * Non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8). Absorbs
 * retransmitted requests, answering them with the last response. After the
 * final response it hands its bytes to the layer's lingering store for Timer
 * J (64*T1 on UDP; nothing on reliable transports) and ends: the Completed
 * state lives on as a compact entry, not as this object.
 */
export class ServerNonInviteTransaction {
  state: ServerNonInviteState = 'trying';
  /** Dropped once the final response is sent: a lingering transaction keeps only its bytes. */
  request: SipRequest | undefined;
  private lastResponse: Buffer | undefined;

  constructor(
    readonly key: string,
    request: SipRequest,
    private readonly send: (bytes: Buffer) => void,
    private readonly reliable: boolean,
    private readonly context: TransactionContext,
  ) {
    this.request = request;
  }

  /** The same request again: repeat the last response, if any (§17.2.2). */
  receiveRetransmission(): void {
    if ((this.state === 'proceeding' || this.state === 'completed') && this.lastResponse) this.send(this.lastResponse);
  }

  respond(response: SipResponse): void {
    if (this.state === 'completed' || this.state === 'terminated') return;
    const bytes = serializeMessage(response);
    this.lastResponse = bytes;
    this.send(bytes);
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    this.request = undefined;
    if (!this.reliable) this.context.linger(this.key, bytes, this.send);
    this.terminate();
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.lastResponse = undefined;
    this.context.onTerminated(this.key);
  }
}
