import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';

// A bare SIP peer for black-box tests: sends bytes as given and reads the
// engine's answers with its own small reader, so an answer is never judged by
// the parser under test. Loopback only.

/** A response as read off the wire. */
export interface WireResponse {
  readonly status: number;
  readonly reason: string;
  /** Lower-case name → every value, in order. */
  readonly headers: ReadonlyMap<string, string[]>;
  /** The local port it arrived on (UDP: which of our sockets the engine chose). */
  readonly localPort: number;
  /** Order of arrival in its inbox. */
  readonly seq: number;
}

const STATUS_LINE = /^SIP\/2\.0 (\d{3}) (.*)$/;

function readResponse(head: string, localPort: number, seq: number): WireResponse | undefined {
  const [first = '', ...lines] = head.split('\r\n');
  const match = STATUS_LINE.exec(first);
  if (!match) return undefined;
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { status: Number(match[1]), reason: match[2] as string, headers, localPort, seq };
}

export function headerOf(response: WireResponse, name: string): string | undefined {
  return response.headers.get(name)?.[0];
}

/** Which answers belong to one request: its Call-ID and CSeq values as the engine copies them back. */
export interface ResponseKey {
  readonly callId: string | undefined;
  readonly cseq: string | undefined;
}

function matches(response: WireResponse, key: ResponseKey): boolean {
  return headerOf(response, 'call-id') === key.callId && headerOf(response, 'cseq') === key.cseq;
}

/** Responses as they arrive, and waiting for them. */
export class ResponseInbox {
  private readonly responses: WireResponse[] = [];
  private readonly waiters = new Set<() => void>();

  get count(): number {
    return this.responses.length;
  }

  push(head: string, localPort: number): void {
    const response = readResponse(head, localPort, this.responses.length);
    if (!response) return;
    this.responses.push(response);
    for (const wake of this.waiters) wake();
  }

  /** The first final (>= 200) answer to `key` that arrived after `after` (a past `count`). */
  final(key: ResponseKey, after: number, timeoutMs: number): Promise<WireResponse> {
    const find = () => this.responses.find((r) => r.seq >= after && r.status >= 200 && matches(r, key));
    return new Promise((resolve, reject) => {
      const wake = () => {
        const found = find();
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no final response for ${JSON.stringify(key)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
      wake();
    });
  }

  /** Every answer of any kind that arrived after `after`, once `quietMs` have passed. */
  async since(after: number, quietMs: number): Promise<WireResponse[]> {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    return this.responses.filter((r) => r.seq >= after);
  }
}

/** UDP sockets on one loopback address; sends from the first, hears on all. */
export class UdpPeer {
  readonly inbox = new ResponseInbox();

  private constructor(
    private readonly sockets: UdpSocket[],
    private readonly target: { address: string; port: number },
  ) {
    for (const socket of sockets) {
      const port = socket.address().port;
      socket.on('message', (data) => this.inbox.push(data.toString('latin1', 0, Math.max(0, data.indexOf('\r\n\r\n'))), port));
    }
  }

  static async bind(address: string, ports: number[], target: { address: string; port: number }): Promise<UdpPeer> {
    const sockets: UdpSocket[] = [];
    for (const port of ports) {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind({ address, port, exclusive: true }, () => {
          socket.off('error', reject);
          resolve();
        });
      });
      sockets.push(socket);
    }
    return new UdpPeer(sockets, target);
  }

  send(bytes: Buffer): void {
    (this.sockets[0] as UdpSocket).send(bytes, this.target.port, this.target.address);
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }
}

/** One TCP connection; answers are framed by their Content-Length (RFC 3261 §18.3). */
export class TcpPeer {
  readonly inbox = new ResponseInbox();
  private buffer = Buffer.alloc(0);
  private readonly closing: Promise<void>;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => undefined);
    this.closing = new Promise((resolve) =>
      socket.once('close', () => {
        this.closed = true;
        resolve();
      }),
    );
  }

  static connect(port: number, host = '127.0.0.1', localAddress?: string): Promise<TcpPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, localAddress });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new TcpPeer(socket));
      });
    });
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.toString('latin1', 0, end);
      const length = Number(/^content-length:\s*(\d+)\s*$/im.exec(head)?.[1] ?? 0);
      if (this.buffer.length < end + 4 + length) return;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.inbox.push(head, this.socket.localPort ?? 0);
    }
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** True if the engine closed the connection within `timeoutMs`. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closing, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Sends `bytes` and waits for the final answer to `key`. */
export function exchange(peer: UdpPeer | TcpPeer, bytes: Buffer, key: ResponseKey, timeoutMs = 3000): Promise<WireResponse> {
  const after = peer.inbox.count;
  peer.send(bytes);
  return peer.inbox.final(key, after, timeoutMs);
}
