// A phone's media port for calls whose signalling is SIPp: the callee's SDP
// names this socket ([rtp_port]), so the test sees every packet the relay
// sends and when it came. RTP is parsed here from RFC 3550 §5.1 directly,
// not with the engine's own reader, so a bug there cannot hide itself.

import { createSocket, type Socket } from 'node:dgram';

export interface RtpPacket {
  /** Arrival, ms since the epoch. */
  at: number;
  marker: boolean;
  payloadType: number;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Buffer;
}

/** An RFC 4733 §2.3 telephone-event payload. */
export interface TelephoneEvent {
  event: number;
  end: boolean;
  volume: number;
  duration: number;
}

function parseRtp(data: Buffer, at: number): RtpPacket | undefined {
  if (data.length < 12 || data[0]! >> 6 !== 2) return undefined;
  const csrcCount = data[0]! & 0x0f;
  let offset = 12 + 4 * csrcCount;
  if (data[0]! & 0x10) offset += 4 + 4 * data.readUInt16BE(offset + 2);
  if (offset > data.length) return undefined;
  return {
    at,
    marker: (data[1]! & 0x80) !== 0,
    payloadType: data[1]! & 0x7f,
    sequence: data.readUInt16BE(2),
    timestamp: data.readUInt32BE(4),
    ssrc: data.readUInt32BE(8),
    payload: data.subarray(offset),
  };
}

/** An RTP packet with a 12-byte header (no CSRC, no extension) and `payload` (default: 160 bytes of A-law silence). */
export function buildRtp(fields: { payloadType: number; sequence: number; timestamp: number; ssrc: number; marker?: boolean; payload?: Buffer }): Buffer {
  const payload = fields.payload ?? Buffer.alloc(160, 0xd5);
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (fields.marker ? 0x80 : 0) | fields.payloadType;
  header.writeUInt16BE(fields.sequence & 0xffff, 2);
  header.writeUInt32BE(fields.timestamp >>> 0, 4);
  header.writeUInt32BE(fields.ssrc >>> 0, 8);
  return Buffer.concat([header, payload]);
}

export function telephoneEvent(packet: RtpPacket): TelephoneEvent {
  const p = packet.payload;
  return { event: p[0]!, end: (p[1]! & 0x80) !== 0, volume: p[1]! & 0x3f, duration: p.readUInt16BE(2) };
}

export class RtpEndpoint {
  readonly packets: RtpPacket[] = [];
  /** Datagrams that were not RTP version 2. */
  notRtp = 0;

  private constructor(
    private readonly socket: Socket,
    echo: boolean,
  ) {
    socket.on('message', (data, remote) => {
      const packet = parseRtp(data, Date.now());
      if (packet) this.packets.push(packet);
      else this.notRtp++;
      // Symmetric RTP (RFC 4961): a phone answers to where the media came from.
      if (echo) socket.send(data, remote.port, remote.address);
    });
  }

  /** Binds a socket on 127.0.0.1; with `echo`, every datagram goes back to its sender, as SIPp's -rtp_echo does. */
  static async open(options: { echo?: boolean } = {}): Promise<RtpEndpoint> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new RtpEndpoint(socket, options.echo ?? false);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(data: Buffer, port: number, address = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(data, port, address, (error) => (error ? reject(error) : resolve())));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
