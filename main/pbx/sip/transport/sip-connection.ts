import type { TransportProtocol } from './flow';

/** One connection of a connection-oriented transport (TCP, TLS, WebSocket). */
export interface SipConnection {
  readonly id: number;
  readonly protocol: TransportProtocol;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** False when the connection is already gone. */
  send(bytes: Buffer): boolean;
  close(): void;
}

let lastConnectionId = 0;
export function nextConnectionId(): number {
  lastConnectionId = (lastConnectionId + 1) % Number.MAX_SAFE_INTEGER;
  return lastConnectionId;
}
