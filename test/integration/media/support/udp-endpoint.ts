// A fake phone's media port: a plain dgram socket. There is no lighter real
// peer for raw RTP (baresip and SIPp need a whole SIP call around their media,
// rtpengine is itself a relay), and these tests need exact control of headers,
// sequence numbers and source ports, so a socket stands in for the phone.

import { createSocket, type Socket } from 'node:dgram';
import { writeRtpHeader, type RtpHeaderFields } from '../../../../main/pbx/media/relay/rtp-header';

export interface Datagram {
  data: Buffer;
  address: string;
  port: number;
}

export class UdpEndpoint {
  readonly received: Datagram[] = [];

  private constructor(
    private readonly socket: Socket,
    readonly address: string,
  ) {
    socket.on('message', (data, remote) => this.received.push({ data, address: remote.address, port: remote.port }));
  }

  static async open(address = '127.0.0.1', port = 0): Promise<UdpEndpoint> {
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, address, () => resolve());
    });
    return new UdpEndpoint(socket, address);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(data: Buffer, port: number, address = this.address): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(data, port, address, (error) => (error ? reject(error) : resolve())));
  }

  /** Resolves with the first `count` datagrams; rejects after `timeoutMs` with what came. */
  async waitFor(count: number, timeoutMs = 3000): Promise<Datagram[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} datagrams on port ${this.port}, got ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.received.slice(0, count);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

export function rtpPacket(fields: Partial<RtpHeaderFields> & { payload?: Buffer }): Buffer {
  const payload = fields.payload ?? Buffer.alloc(160, 0xd5);
  const bytes = Buffer.alloc(12 + payload.length);
  writeRtpHeader(bytes, { marker: false, payloadType: 0, sequence: 0, timestamp: 0, ssrc: 0x1234, ...fields });
  payload.copy(bytes, 12);
  return bytes;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
