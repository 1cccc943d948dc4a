import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';

export interface UdpTransportOptions {
  address: string;
  port: number;
  onDatagram(data: Buffer, remote: RemoteInfo, local: { address: string; port: number }): void;
  onError(error: Error): void;
}

// Large kernel buffers: SIPp and Kamailio runs drop packets at a few thousand
// requests/s with the 200 KB default (../shared/sip/README.md).
const SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * We only ever send to IP literals (never to names a message carries), so the
 * address needs no resolution: answering at once skips dgram's dns.lookup hop
 * (an isIP regex and a nextTick per datagram).
 */
function literalLookup(address: string, _family: unknown, callback: (error: Error | null, address: string, family: number) => void): void {
  callback(null, address, address.includes(':') ? 6 : 4);
}

/** One bound UDP socket (RFC 3261 §18 over UDP). */
export class UdpTransport {
  private socket: Socket | undefined;
  private boundPort = 0;

  constructor(private readonly options: UdpTransportOptions) {}

  get address(): string {
    return this.options.address;
  }

  get port(): number {
    return this.boundPort;
  }

  listen(): Promise<void> {
    const socket = createSocket({
      type: isIPv6(this.options.address) ? 'udp6' : 'udp4',
      recvBufferSize: SOCKET_BUFFER_BYTES,
      sendBufferSize: SOCKET_BUFFER_BYTES,
      lookup: literalLookup as never,
    });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: this.options.address, port: this.options.port, exclusive: true }, () => {
        socket.off('error', reject);
        socket.on('error', (error) => this.options.onError(error));
        this.boundPort = socket.address().port;
        const local = { address: this.options.address, port: this.boundPort };
        socket.on('message', (data, remote) => this.options.onDatagram(data, remote, local));
        resolve();
      });
    });
  }

  send(bytes: Buffer, address: string, port: number, onError?: (error: Error) => void): void {
    // Without a callback libuv may send synchronously and skips the completion round trip.
    if (!onError) this.socket?.send(bytes, port, address);
    else this.socket?.send(bytes, port, address, (error) => error && onError(error));
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    return new Promise((resolve) => (socket ? socket.close(() => resolve()) : resolve()));
  }
}
