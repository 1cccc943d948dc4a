import { createServer as createNetServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, connect as tlsConnect } from 'node:tls';
import { nextConnectionId, type SipConnection } from './sip-connection';
import { StreamFramer, type FramerLimits } from './stream-framer';

export interface StreamTransportOptions {
  protocol: 'tcp' | 'tls';
  address: string;
  port: number;
  tls?: { key: Buffer; cert: Buffer } | undefined;
  limits: FramerLimits;
  /** A connection with no traffic this long is closed. */
  idleTimeoutMs: number;
  /** A message started but not finished within this time closes the connection and frees its bytes. */
  partialTimeoutMs: number;
  maxConnections: number;
  onMessage(data: Buffer, connection: SipConnection): void;
  onOpen(connection: SipConnection): void;
  onClose(connection: SipConnection): void;
  onFramingError(connection: SipConnection, reason: string): void;
}

const CRLF = Buffer.from('\r\n');

class StreamConnection implements SipConnection {
  readonly id = nextConnectionId();
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  private readonly framer: StreamFramer;
  private partialTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly protocol: 'tcp' | 'tls',
    private readonly socket: Socket,
    private readonly options: StreamTransportOptions,
  ) {
    this.localAddress = socket.localAddress ?? '';
    this.localPort = socket.localPort ?? 0;
    this.remoteAddress = socket.remoteAddress ?? '';
    this.remotePort = socket.remotePort ?? 0;
    this.framer = new StreamFramer(
      {
        onMessage: (message) => options.onMessage(message, this),
        onPing: () => this.send(CRLF),
        onFramingError: (reason) => {
          options.onFramingError(this, reason);
          this.close();
        },
      },
      options.limits,
    );
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.setTimeout(options.idleTimeoutMs, () => this.close());
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => {
      clearTimeout(this.partialTimer);
      this.framer.reset();
      options.onClose(this);
    });
  }

  private receive(chunk: Buffer): void {
    this.framer.push(chunk);
    if (this.framer.pending === 0) {
      clearTimeout(this.partialTimer);
      this.partialTimer = undefined;
    } else if (!this.partialTimer) {
      // clerr, baddn: the rest never comes. Do not hold the bytes for ever.
      this.partialTimer = setTimeout(() => this.close(), this.options.partialTimeoutMs);
      this.partialTimer.unref();
    }
  }

  send(bytes: Buffer): boolean {
    if (this.socket.destroyed || !this.socket.writable) return false;
    this.socket.write(bytes);
    return true;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** SIP over TCP or TLS (RFC 3261 §18): one server socket, and connections both ways. */
export class StreamTransport {
  private server: Server | undefined;
  private readonly connections = new Set<StreamConnection>();
  private boundPort = 0;

  constructor(private readonly options: StreamTransportOptions) {}

  get protocol(): 'tcp' | 'tls' {
    return this.options.protocol;
  }

  get address(): string {
    return this.options.address;
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  listen(): Promise<void> {
    const onSocket = (socket: Socket) => {
      if (this.connections.size >= this.options.maxConnections) {
        socket.destroy();
        return;
      }
      this.adopt(socket);
    };
    const server =
      this.options.protocol === 'tls' && this.options.tls
        ? createTlsServer({ key: this.options.tls.key, cert: this.options.tls.cert }, onSocket)
        : createNetServer(onSocket);
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.options.address, port: this.options.port, exclusive: true }, () => {
        server.off('error', reject);
        this.boundPort = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  private adopt(socket: Socket): StreamConnection {
    const connection = new StreamConnection(this.options.protocol, socket, {
      ...this.options,
      onClose: (c) => {
        this.connections.delete(connection);
        this.options.onClose(c);
      },
    });
    this.connections.add(connection);
    this.options.onOpen(connection);
    return connection;
  }

  /**
   * Opens a connection to a peer, for requests or responses whose connection
   * is gone. TLS verifies the peer's certificate against `servername`.
   */
  connect(address: string, port: number, servername?: string): Promise<SipConnection> {
    return new Promise((resolve, reject) => {
      const socket =
        this.options.protocol === 'tls'
          ? tlsConnect({ host: address, port, servername: servername ?? address, rejectUnauthorized: true })
          : netConnect({ host: address, port, localAddress: this.options.address === '0.0.0.0' || this.options.address === '::' ? undefined : this.options.address });
      const event = this.options.protocol === 'tls' ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => socket.destroy(new Error(`connecting to ${address}:${port} timed out`)), 10_000);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once(event, () => {
        clearTimeout(timer);
        resolve(this.adopt(socket));
      });
    });
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.close();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
