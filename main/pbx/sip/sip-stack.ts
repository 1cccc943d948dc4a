import { validateRequestSyntax } from './message/request-validation';
import { SipSyntaxError } from './message/scan';
import type { SipMessage, SipRequest } from './message/sip-message';
import { serializeMessage } from './message/serializer';
import type { Flow } from './transport/flow';
import { SipTransportLayer, type SipTransportConfig } from './transport/transport-layer';
import { stampVia } from './transport/via-stamp';
import { TransactionLayer, type TransactionUser } from './transaction/transaction-layer';
import { DEFAULT_TIMERS, type SipTimerConfig } from './transaction/timer-config';
import { createResponse } from './ua/response-builder';

export interface SipStackOptions {
  transport: SipTransportConfig;
  timers?: SipTimerConfig;
  onWarning?(message: string, details: Record<string, unknown>): void;
  onConnectionClosed?(connectionId: number, protocol: Flow['protocol']): void;
}

/** Counters for status pages and tests. */
export interface SipStackStats {
  requests: number;
  responses: number;
  /** Requests answered without a transaction because they were malformed. */
  rejectedMalformed: number;
  /** Messages dropped: unroutable requests, stray or broken responses. */
  dropped: number;
}

/**
 * Transports and transactions with the checks between them: every request's
 * top Via is stamped (received/rport), malformed requests get their 400 or
 * 505 statelessly, the rest go to the transaction layer and on to the TU.
 */
export class SipStack {
  readonly transport: SipTransportLayer;
  readonly transactions: TransactionLayer;
  readonly stats: SipStackStats = { requests: 0, responses: 0, rejectedMalformed: 0, dropped: 0 };

  /** `user` builds the transaction user once the layer exists, so it can send through it. */
  constructor(options: SipStackOptions, user: (transactions: TransactionLayer) => TransactionUser) {
    this.transport = new SipTransportLayer(options.transport, {
      onMessage: (message, flow) => this.receive(message, flow),
      onWarning: options.onWarning,
      onConnectionClosed: (connection) => options.onConnectionClosed?.(connection.id, connection.protocol),
    });
    const holder: { tu?: TransactionUser } = {};
    const forward: TransactionUser = {
      onRequest: (transaction, inbound) => holder.tu?.onRequest(transaction, inbound),
      onAck: (inbound) => holder.tu?.onAck(inbound),
      onCancel: (invite, inbound) => holder.tu?.onCancel(invite, inbound),
    };
    this.transactions = new TransactionLayer(this.transport, forward, options.timers ?? DEFAULT_TIMERS);
    holder.tu = user(this.transactions);
  }

  start(): Promise<void> {
    return this.transport.start();
  }

  async stop(): Promise<void> {
    this.transactions.close();
    await this.transport.stop();
  }

  private receive(message: SipMessage, flow: Flow): void {
    if (message.kind === 'response') {
      this.stats.responses++;
      if (message.defect || !this.transactions.receiveResponse({ message, flow })) this.stats.dropped++;
      return;
    }
    this.stats.requests++;
    try {
      stampVia(message, flow);
    } catch (error) {
      if (!(error instanceof SipSyntaxError)) throw error;
      // badinv01: a Via we cannot read. Answer the packet's source if we can say where.
      return this.rejectWithoutVia(message, flow);
    }
    const defect = validateRequestSyntax(message);
    if (defect) {
      this.stats.rejectedMalformed++;
      if (message.method === 'ACK') return; // never answer an ACK (§17.2.1)
      const response = createResponse(message, defect.status, defect.reason);
      this.transport.responderFor({ message, flow })(serializeMessage(response));
      return;
    }
    this.transactions.receiveRequest({ message, flow });
  }

  /** A 400 for a request whose top Via is unreadable: over its connection, or to its source at the Via's port or 5060. */
  private rejectWithoutVia(request: SipRequest, flow: Flow): void {
    this.stats.rejectedMalformed++;
    if (request.method === 'ACK' || !request.has('via')) {
      this.stats.dropped++;
      return;
    }
    const bytes = serializeMessage(createResponse(request, 400, 'Bad Request (malformed Via)'));
    if (flow.connectionId !== undefined) {
      this.transport.send(bytes, { protocol: flow.protocol, address: flow.remoteAddress, port: flow.remotePort, connectionId: flow.connectionId }, () => undefined);
      return;
    }
    const port = /^\s*SIP\s*\/\s*2\.0\s*\/\s*\w+\s+[^\s;:,]+\s*:\s*(\d{1,5})/i.exec(request.header('via') ?? '')?.[1];
    this.transport.send(bytes, { protocol: 'udp', address: flow.remoteAddress, port: port ? Number(port) : 5060 }, () => undefined);
  }
}
