import { randomToken } from '../message/random-token';
import { SipRequest } from '../message/sip-message';
import { serializeMessage } from '../message/serializer';
import { formatVia, isRfc3261Branch, MAGIC_COOKIE } from '../message/via';
import { isReliable, type InboundRequest, type InboundResponse, type TransportProtocol } from '../transport/flow';
import { createResponse } from '../ua/response-builder';
import { ClientInviteTransaction } from './client-invite-transaction';
import { ClientNonInviteTransaction } from './client-non-invite-transaction';
import type { ClientTransactionDelegate } from './client-transaction-delegate';
import { ServerInviteTransaction } from './server-invite-transaction';
import { ServerNonInviteTransaction } from './server-non-invite-transaction';
import { LingeringResponses } from './lingering-responses';
import { DEFAULT_TIMERS, timerDurations, type SipTimerConfig } from './timer-config';
import { TransactionContext } from './transaction-context';

export type ServerTransaction = ServerInviteTransaction | ServerNonInviteTransaction;
export type ClientTransaction = ClientInviteTransaction | ClientNonInviteTransaction;

/** Where a client transaction sends: an IP literal and port over a protocol, or a known connection. */
export interface SendTarget {
  readonly protocol: TransportProtocol;
  readonly address: string;
  readonly port: number;
  /** Reuse this connection (a phone registered over TCP or WebSocket is reached over its own). */
  readonly connectionId?: number | undefined;
}

/** What the layer needs from the transports. */
export interface TransactionTransport {
  /** Sends bytes back toward where a request came from (RFC 3261 §18.2.2, RFC 3581). */
  responderFor(inbound: InboundRequest): (bytes: Buffer) => void;
  /** Sends bytes to a target; `onError` if that fails (connect refused, connection gone). */
  send(bytes: Buffer, target: SendTarget, onError: (error: Error) => void): void;
  /** Our Via sent-by (host:port) for a request toward this target. */
  viaSentBy(target: SendTarget): string;
}

/** The transaction user: the layer above (the PBX's request router). */
export interface TransactionUser {
  /** A new request with its server transaction (never ACK; CANCEL only when it matched nothing to cancel... see onCancel). */
  onRequest(transaction: ServerTransaction, inbound: InboundRequest): void;
  /** An ACK that matched no transaction: the ACK of a 2xx, for the dialog (§17.2.3). */
  onAck(inbound: InboundRequest): void;
  /** A CANCEL that matched a pending INVITE; the layer has answered the CANCEL with 200 (§9.2). */
  onCancel(invite: ServerInviteTransaction, inbound: InboundRequest): void;
}

function serverKey(request: SipRequest, methodOverride?: string): string {
  const via = request.topVia;
  const method = methodOverride ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  if (isRfc3261Branch(via.branch)) return `${via.branch}\u0000${via.host}:${via.port ?? ''}\u0000${method}`;
  // RFC 2543 peers (§17.2.3): Request-URI, From tag, Call-ID, CSeq number and the whole top Via.
  return `2543\u0000${request.uri}\u0000${request.fromTag ?? ''}\u0000${request.callId}\u0000${request.cseq.seq}\u0000${formatVia(via)}\u0000${method}`;
}

function clientKey(branch: string, method: string): string {
  return `${branch}\u0000${method}`;
}

export function newBranch(): string {
  return MAGIC_COOKIE + randomToken(9);
}

/**
 * Matches messages to transactions (RFC 3261 §17.1.3, §17.2.3) and owns them:
 * retransmissions are absorbed here and never reach the TU.
 */
export class TransactionLayer {
  private readonly server = new Map<string, ServerTransaction>();
  private readonly client = new Map<string, ClientTransaction>();
  /** How each client INVITE was sent, so a CANCEL can follow the same way (§9.1). */
  private readonly invites = new WeakMap<ClientInviteTransaction, { target: SendTarget; cancel: 'none' | 'pending' | 'sent'; reason?: string | undefined }>();
  private readonly serverContext: TransactionContext;
  private readonly lingering: LingeringResponses;
  private readonly clientContext: TransactionContext;

  constructor(
    private readonly transport: TransactionTransport,
    private readonly user: TransactionUser,
    timers: SipTimerConfig = DEFAULT_TIMERS,
  ) {
    this.lingering = new LingeringResponses(timerDurations(timers, false).j);
    this.serverContext = new TransactionContext(
      timers,
      (key) => this.server.delete(key),
      (key, bytes, send) => this.lingering.add(key, bytes, send),
    );
    this.clientContext = new TransactionContext(timers, (key) => this.client.delete(key));
  }

  /** Live server transactions, and completed non-INVITE ones waiting out Timer J. */
  get serverCount(): number {
    return this.server.size + this.lingering.size;
  }

  get clientCount(): number {
    return this.client.size;
  }

  /** A request that passed the syntax checks. */
  receiveRequest(inbound: InboundRequest): void {
    const request = inbound.message;
    const key = serverKey(request);
    const existing = this.server.get(key);
    if (request.method === 'ACK') {
      if (existing instanceof ServerInviteTransaction && existing.state !== 'accepted') existing.receiveAck();
      else this.user.onAck(inbound);
      return;
    }
    if (existing) {
      existing.receiveRetransmission();
      return;
    }
    if (this.lingering.resend(key)) return;
    const send = this.transport.responderFor(inbound);
    const reliable = isReliable(inbound.flow.protocol);
    if (request.method === 'INVITE') {
      const transaction = new ServerInviteTransaction(key, request, send, reliable, this.serverContext);
      this.server.set(key, transaction);
      this.user.onRequest(transaction, inbound);
      return;
    }
    const transaction = new ServerNonInviteTransaction(key, request, send, reliable, this.serverContext);
    this.server.set(key, transaction);
    if (request.method === 'CANCEL') {
      const invite = this.server.get(serverKey(request, 'INVITE'));
      if (!(invite instanceof ServerInviteTransaction)) {
        transaction.respond(createResponse(request, 481, 'Call/Transaction Does Not Exist'));
        return;
      }
      transaction.respond(createResponse(request, 200, 'OK'));
      if (invite.state === 'proceeding') this.user.onCancel(invite, inbound);
      return;
    }
    this.user.onRequest(transaction, inbound);
  }

  /** A response: to its client transaction, or dropped as stray (§18.1.2). Returns whether it matched. */
  receiveResponse(inbound: InboundResponse): boolean {
    const response = inbound.message;
    let branch: string | undefined;
    let method: string;
    try {
      branch = response.topVia.branch;
      method = response.cseq.method;
    } catch {
      return false;
    }
    if (!branch) return false;
    const transaction = this.client.get(clientKey(branch, method));
    if (!transaction) return false;
    transaction.receiveResponse(response);
    // A CANCEL waits for the first provisional response (§9.1).
    if (transaction instanceof ClientInviteTransaction && response.status < 200) {
      const sent = this.invites.get(transaction);
      if (sent?.cancel === 'pending') this.sendCancel(transaction);
    }
    return true;
  }

  /**
   * Cancels a pending client INVITE (§9.1): sent at once if a provisional
   * response came, else as soon as one does; nothing if it is already final.
   */
  cancel(invite: ClientInviteTransaction, reason?: string): void {
    const sent = this.invites.get(invite);
    if (!sent || sent.cancel === 'sent') return;
    sent.reason = reason;
    if (invite.state === 'proceeding') this.sendCancel(invite);
    else if (invite.state === 'calling') sent.cancel = 'pending';
  }

  private sendCancel(invite: ClientInviteTransaction): void {
    const sent = this.invites.get(invite);
    if (!sent || sent.cancel === 'sent') return;
    sent.cancel = 'sent';
    const reason = sent.reason;
    const original = invite.request;
    const request = new SipRequest('CANCEL', original.uri, [
      { name: 'via', value: original.topViaText() },
      ...original.headers.filter((h) => h.name === 'route'),
      { name: 'max-forwards', value: '70' },
      { name: 'from', value: original.header('from') ?? '' },
      { name: 'to', value: original.header('to') ?? '' },
      { name: 'call-id', value: original.header('call-id') ?? '' },
      { name: 'cseq', value: `${original.cseq.seq} CANCEL` },
      ...(reason ? [{ name: 'reason', value: reason }] : []),
    ]);
    const branch = original.topVia.branch ?? newBranch();
    const key = clientKey(branch, 'CANCEL');
    let bytes: Buffer | undefined;
    const transaction = new ClientNonInviteTransaction(
      key,
      request,
      () => {
        bytes ??= serializeMessage(request);
        this.transport.send(bytes, sent.target, (error) => transaction.transportError(error));
      },
      isReliable(sent.target.protocol),
      this.clientContext,
      { onResponse: () => undefined, onTimeout: () => undefined, onTransportError: () => undefined },
    );
    this.client.set(key, transaction);
    transaction.start();
  }

  /**
   * Starts a client transaction: adds our Via (new branch, rport) and sends.
   * The request must be complete otherwise (Max-Forwards, CSeq, ...).
   */
  sendRequest(request: SipRequest, target: SendTarget, delegate: ClientTransactionDelegate): ClientTransaction {
    const branch = newBranch();
    request.prependHeader('via', `SIP/2.0/${target.protocol.toUpperCase()} ${this.transport.viaSentBy(target)};branch=${branch};rport`);
    const key = clientKey(branch, request.method);
    const reliable = isReliable(target.protocol);
    let bytes: Buffer | undefined;
    const onError = (error: Error) => transaction.transportError(error);
    const send = (override?: Buffer) => {
      bytes ??= serializeMessage(request);
      this.transport.send(override ?? bytes, target, onError);
    };
    const transaction: ClientTransaction =
      request.method === 'INVITE'
        ? new ClientInviteTransaction(key, request, send, reliable, this.clientContext, delegate)
        : new ClientNonInviteTransaction(key, request, send, reliable, this.clientContext, delegate);
    this.client.set(key, transaction);
    if (transaction instanceof ClientInviteTransaction) this.invites.set(transaction, { target, cancel: 'none' });
    transaction.start();
    return transaction;
  }

  /** sendRequest for an INVITE, typed as what it makes. */
  sendInvite(request: SipRequest, target: SendTarget, delegate: ClientTransactionDelegate): ClientInviteTransaction {
    if (request.method !== 'INVITE') throw new Error('sendInvite takes an INVITE');
    return this.sendRequest(request, target, delegate) as ClientInviteTransaction;
  }

  /** Sends outside any transaction: the ACK of a 2xx (§13.2.2.4), which gets its own branch. */
  sendStateless(request: SipRequest, target: SendTarget, onError: (error: Error) => void = () => undefined): void {
    request.prependHeader('via', `SIP/2.0/${target.protocol.toUpperCase()} ${this.transport.viaSentBy(target)};branch=${newBranch()};rport`);
    this.transport.send(serializeMessage(request), target, onError);
  }

  close(): void {
    for (const t of [...this.server.values()]) t.terminate();
    for (const t of [...this.client.values()]) t.terminate();
    this.serverContext.close();
    this.lingering.clear();
    this.clientContext.close();
  }
}
