import type { SipMessage, SipRequest, SipResponse } from '../message/sip-message';

export type TransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

/** Where a message came from and how to reach that place again (RFC 5626 calls it a flow). */
export interface Flow {
  readonly protocol: TransportProtocol;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** For connection-oriented transports: the connection's id, to send back over it. */
  readonly connectionId: number | undefined;
}

export interface Inbound<M extends SipMessage> {
  readonly message: M;
  readonly flow: Flow;
}
export type InboundRequest = Inbound<SipRequest>;
export type InboundResponse = Inbound<SipResponse>;

/** The port a SIP URI or Via without one means (RFC 3261 §19.1.2, §18.2.2): 5061 for TLS, else 5060. */
export function defaultPort(protocol: TransportProtocol): number {
  return protocol === 'tls' || protocol === 'wss' ? 5061 : 5060;
}

/** TCP, TLS and WebSocket deliver reliably: no retransmission timers (RFC 3261 §17). */
export function isReliable(protocol: TransportProtocol): boolean {
  return protocol !== 'udp';
}

/** The Via transport token for a protocol. */
export function viaTransport(protocol: TransportProtocol): string {
  return protocol.toUpperCase();
}

export function flowKey(flow: Flow): string {
  return flow.connectionId !== undefined
    ? `${flow.protocol}#${flow.connectionId}`
    : `${flow.protocol}:${flow.localAddress}:${flow.localPort}>${flow.remoteAddress}:${flow.remotePort}`;
}
