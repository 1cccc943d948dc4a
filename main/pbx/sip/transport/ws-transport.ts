import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { nextConnectionId, type SipConnection } from './sip-connection';

export interface WsTransportOptions {
  maxMessageBytes: number;
  onMessage(data: Buffer, connection: SipConnection): void;
  onOpen(connection: SipConnection): void;
  onClose(connection: SipConnection): void;
}

const PING_INTERVAL_MS = 30_000;

class WsConnection implements SipConnection {
  readonly id = nextConnectionId();
  alive = true;

  constructor(
    readonly protocol: 'ws' | 'wss',
    private readonly socket: WebSocket,
    readonly localAddress: string,
    readonly localPort: number,
    readonly remoteAddress: string,
    readonly remotePort: number,
  ) {}

  send(bytes: Buffer): boolean {
    if (this.socket.readyState !== this.socket.OPEN) return false;
    // Text frames for UTF-8 (what sip.js expects), binary for anything else (RFC 7118 §5.1).
    this.socket.send(bytes, { binary: !isUtf8(bytes) });
    return true;
  }

  ping(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  close(): void {
    this.socket.close(1000);
  }
}

/**
 * SIP over WebSocket (RFC 7118) on the engine's HTTP port: the HTTP server
 * hands over upgrades that ask for the "sip" subprotocol. One WebSocket
 * message is one SIP message. Dead peers are found by ping/pong.
 */
export class WsTransport {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<WsConnection>();
  private readonly pinger: NodeJS.Timeout;

  constructor(private readonly options: WsTransportOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
    this.pinger = setInterval(() => {
      for (const c of this.connections) c.ping();
    }, PING_INTERVAL_MS);
    this.pinger.unref();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, secure: boolean, onConnection?: (connection: SipConnection) => void): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const raw = request.socket;
      const connection = new WsConnection(
        secure ? 'wss' : 'ws',
        ws,
        raw.localAddress ?? '',
        raw.localPort ?? 0,
        raw.remoteAddress ?? '',
        raw.remotePort ?? 0,
      );
      this.connections.add(connection);
      onConnection?.(connection);
      ws.on('pong', () => (connection.alive = true));
      ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        connection.alive = true;
        const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
        this.options.onMessage(bytes, connection);
      });
      ws.on('error', () => ws.terminate());
      ws.on('close', () => {
        this.connections.delete(connection);
        this.options.onClose(connection);
      });
      this.options.onOpen(connection);
    });
  }

  close(): void {
    clearInterval(this.pinger);
    for (const c of this.connections) c.close();
    this.wss.close();
  }
}
