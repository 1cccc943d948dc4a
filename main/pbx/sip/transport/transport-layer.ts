import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import type { RemoteInfo } from 'node:dgram';
import { parseMessage } from '../message/parser';
import type { SipMessage } from '../message/sip-message';
import { formatHost } from '../message/uri';
import type { SendTarget, TransactionTransport } from '../transaction/transaction-layer';
import { defaultPort, type Flow, type InboundRequest } from './flow';
import type { SipConnection } from './sip-connection';
import { DEFAULT_FRAMER_LIMITS, type FramerLimits } from './stream-framer';
import { StreamTransport } from './stream-transport';
import { UdpTransport } from './udp-transport';
import { plainAddress } from './via-stamp';
import { WsTransport } from './ws-transport';

export interface SipTransportConfig {
  /** Addresses to listen on (UDP and TCP on each), e.g. ["127.0.0.1", "::1"]. */
  addresses: string[];
  /** UDP and TCP port; 0 picks a free one (the same for both). */
  port: number;
  tls?: { port: number; key: Buffer; cert: Buffer } | undefined;
  /** The host we write in Via and Contact; by default the listen address (or a LAN address for 0.0.0.0). */
  advertisedAddress?: string | undefined;
  /** The HTTP port that carries SIP over WebSocket, for our Via toward WebSocket peers. */
  wsPort?: number | undefined;
  wsSecure?: boolean;
  limits?: FramerLimits;
  idleTimeoutMs?: number;
  partialTimeoutMs?: number;
  maxConnections?: number;
}

export interface TransportEvents {
  /** A parsed message and the flow it came on. Unparseable input never gets here. */
  onMessage(message: SipMessage, flow: Flow): void;
  onConnectionClosed?(connection: SipConnection): void;
  /** Something the operator should know (a framing error closed a connection, a socket failed). */
  onWarning?(message: string, details: Record<string, unknown>): void;
}

/** IPv6 literal or not; a colon is enough for addresses we already hold (isIPv6 is a costly regex). */
function isV6(address: string): boolean {
  return address.includes(':');
}

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

function firstLanAddress(v6: boolean): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (!info.internal && (info.family === 'IPv6') === v6) return info.address;
  }
  return undefined;
}

function udpSender(socket: UdpTransport | undefined, address: string, port: number): (bytes: Buffer) => void {
  return (bytes) => socket?.send(bytes, address, port);
}

/**
 * Every SIP transport of the engine: UDP, TCP and TLS on their ports, and
 * WebSocket via the HTTP server. Sends responses where RFC 3261 §18.2.2 and
 * RFC 3581 say; reaches a peer over the connection it came on.
 */
export class SipTransportLayer implements TransactionTransport {
  private readonly udp: UdpTransport[] = [];
  private readonly streams: StreamTransport[] = [];
  private readonly ws: WsTransport;
  private readonly connections = new Map<number, SipConnection>();
  /** protocol|address|port → connection id, to reuse connections we or the peer opened. */
  private readonly byRemote = new Map<string, number>();
  private readonly limits: FramerLimits;
  private readonly identities = new Map<number, string>();

  constructor(
    private readonly config: SipTransportConfig,
    private readonly events: TransportEvents,
  ) {
    this.limits = config.limits ?? DEFAULT_FRAMER_LIMITS;
    this.ws = new WsTransport({
      maxMessageBytes: this.limits.maxHeaderBytes + this.limits.maxBodyBytes,
      onMessage: (data, connection) => this.receiveOnConnection(data, connection),
      onOpen: (connection) => this.register(connection),
      onClose: (connection) => this.unregister(connection),
    });
  }

  async start(): Promise<void> {
    let port = this.config.port;
    for (const address of this.config.addresses) {
      port = await this.listenPair(address, port);
    }
    if (this.config.tls) {
      for (const address of this.config.addresses) {
        const tls = this.streamTransport('tls', address, this.config.tls.port);
        await tls.listen();
        this.streams.push(tls);
      }
    }
  }

  /** UDP and TCP on one address and port; with port 0, retries until both get the same free port. */
  private async listenPair(address: string, port: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const udp = new UdpTransport({
        address,
        port,
        onDatagram: (data, remote, local) => this.receiveDatagram(data, remote, local),
        onError: (error) => this.events.onWarning?.('UDP socket error', { address, error: error.message }),
      });
      await udp.listen();
      const tcp = this.streamTransport('tcp', address, udp.port);
      try {
        await tcp.listen();
      } catch (error) {
        await udp.close();
        if (port === 0 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE' && attempt < 10) continue;
        throw error;
      }
      this.udp.push(udp);
      this.streams.push(tcp);
      return udp.port;
    }
  }

  private streamTransport(protocol: 'tcp' | 'tls', address: string, port: number): StreamTransport {
    return new StreamTransport({
      protocol,
      address,
      port,
      tls: protocol === 'tls' ? this.config.tls : undefined,
      limits: this.limits,
      idleTimeoutMs: this.config.idleTimeoutMs ?? 70 * 60 * 1000,
      partialTimeoutMs: this.config.partialTimeoutMs ?? 32_000,
      maxConnections: this.config.maxConnections ?? 4096,
      onMessage: (data, connection) => this.receiveOnConnection(data, connection),
      onOpen: (connection) => this.register(connection),
      onClose: (connection) => this.unregister(connection),
      onFramingError: (connection, reason) =>
        this.events.onWarning?.('closed a connection that broke SIP framing', { remote: `${connection.remoteAddress}:${connection.remotePort}`, reason }),
    });
  }

  /** The ports actually bound, by protocol (for port 0 and for status). */
  ports(): { udp: number; tcp: number; tls: number | undefined } {
    return {
      udp: this.udp[0]?.port ?? 0,
      tcp: this.streams.find((s) => s.protocol === 'tcp')?.port ?? 0,
      tls: this.streams.find((s) => s.protocol === 'tls')?.port,
    };
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /**
   * SIP over WebSocket. `identity` is what the layer above already verified
   * about the peer (a token in the URL); the transport only keeps it with the
   * connection, for connectionIdentity().
   */
  handleWebSocketUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, identity?: string): void {
    this.ws.handleUpgrade(request, socket, head, this.config.wsSecure ?? false, (connection) => {
      if (identity !== undefined) this.identities.set(connection.id, identity);
    });
  }

  connectionIdentity(id: number): string | undefined {
    return this.identities.get(id);
  }

  isConnectionOpen(id: number): boolean {
    return this.connections.has(id);
  }

  private register(connection: SipConnection): void {
    this.connections.set(connection.id, connection);
    this.byRemote.set(`${connection.protocol}|${plainAddress(connection.remoteAddress)}|${connection.remotePort}`, connection.id);
  }

  private unregister(connection: SipConnection): void {
    this.connections.delete(connection.id);
    this.identities.delete(connection.id);
    const key = `${connection.protocol}|${plainAddress(connection.remoteAddress)}|${connection.remotePort}`;
    if (this.byRemote.get(key) === connection.id) this.byRemote.delete(key);
    this.events.onConnectionClosed?.(connection);
  }

  private receiveDatagram(data: Buffer, remote: RemoteInfo, local: { address: string; port: number }): void {
    const message = parseMessage(data);
    if (!message) return;
    this.events.onMessage(message, {
      protocol: 'udp',
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: plainAddress(remote.address),
      remotePort: remote.port,
      connectionId: undefined,
    });
  }

  private receiveOnConnection(data: Buffer, connection: SipConnection): void {
    const message = parseMessage(data);
    if (!message) return;
    this.events.onMessage(message, {
      protocol: connection.protocol,
      localAddress: plainAddress(connection.localAddress),
      localPort: connection.localPort,
      remoteAddress: plainAddress(connection.remoteAddress),
      remotePort: connection.remotePort,
      connectionId: connection.id,
    });
  }

  /**
   * RFC 3261 §18.2.2 with RFC 3581: where a response to this request goes.
   * The sender closes over the destination only, since a lingering
   * transaction keeps it for Timer J.
   */
  responderFor(inbound: InboundRequest): (bytes: Buffer) => void {
    const flow = inbound.flow;
    const via = inbound.message.topVia;
    if (flow.connectionId !== undefined) {
      const fallback = flow.protocol === 'tcp' || flow.protocol === 'tls' ? { protocol: flow.protocol, address: flow.remoteAddress, port: via.port ?? defaultPort(flow.protocol) } : undefined;
      return this.connectionSender(flow.connectionId, fallback);
    }
    let port = via.port ?? 5060;
    for (const p of via.params) if (p.name === 'rport' && p.value) port = Number(p.value);
    return udpSender(this.udpFor(flow.remoteAddress, flow.localAddress), flow.remoteAddress, port);
  }

  /** Over the connection the request came on; if it is gone, TCP and TLS may open a new one (§18.2.2). */
  private connectionSender(id: number, fallback: SendTarget | undefined): (bytes: Buffer) => void {
    return (bytes) => {
      if (this.connections.get(id)?.send(bytes)) return;
      if (fallback) this.send(bytes, fallback, () => undefined);
    };
  }

  send(bytes: Buffer, target: SendTarget, onError: (error: Error) => void): void {
    if (target.protocol === 'udp') {
      const socket = this.udpFor(target.address);
      if (!socket) return onError(new Error(`no UDP socket for ${target.address}`));
      socket.send(bytes, target.address, target.port, onError);
      return;
    }
    const known = target.connectionId ?? this.byRemote.get(`${target.protocol}|${target.address}|${target.port}`);
    if (known !== undefined && this.connections.get(known)?.send(bytes)) return;
    if (target.protocol === 'ws' || target.protocol === 'wss') return onError(new Error('the WebSocket connection is gone'));
    const stream = this.streams.find((s) => s.protocol === target.protocol && isV6(s.address) === isV6(target.address));
    if (!stream) return onError(new Error(`no ${target.protocol.toUpperCase()} transport for ${target.address}`));
    stream.connect(target.address, target.port).then(
      (connection) => {
        if (!connection.send(bytes)) onError(new Error('the connection closed at once'));
      },
      (error: Error) => onError(error),
    );
  }

  viaSentBy(target: SendTarget): string {
    const v6 = isV6(target.address);
    const port =
      target.protocol === 'udp'
        ? this.ports().udp
        : target.protocol === 'tcp'
          ? this.ports().tcp
          : target.protocol === 'tls'
            ? (this.ports().tls ?? 5061)
            : (this.config.wsPort ?? 80);
    return `${formatHost(this.advertisedHost(v6))}:${port}`;
  }

  /** The address we tell peers to use for this family. */
  advertisedHost(v6 = false): string {
    if (this.config.advertisedAddress) return this.config.advertisedAddress;
    const listen = this.config.addresses.find((a) => isV6(a) === v6) ?? this.config.addresses[0] ?? '127.0.0.1';
    if (!isWildcard(listen)) return listen;
    return firstLanAddress(v6) ?? (v6 ? '::1' : '127.0.0.1');
  }

  private udpFor(remoteAddress: string, localAddress?: string): UdpTransport | undefined {
    const v6 = isV6(remoteAddress);
    return (
      (localAddress && this.udp.find((u) => u.address === localAddress)) ||
      this.udp.find((u) => isV6(u.address) === v6) ||
      undefined
    );
  }

  async stop(): Promise<void> {
    this.ws.close();
    await Promise.all([...this.udp.map((u) => u.close()), ...this.streams.map((s) => s.close())]);
    this.udp.length = 0;
    this.streams.length = 0;
    this.connections.clear();
    this.byRemote.clear();
  }
}
