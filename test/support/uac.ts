import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { DigestClient } from '../../main/pbx/sip/digest/digest-client';
import { parseMessage } from '../../main/pbx/sip/message/parser';
import type { SipResponse } from '../../main/pbx/sip/message/sip-message';
import { StreamFramer } from '../../main/pbx/sip/transport/stream-framer';

export type UacTransport = 'udp' | 'tcp' | 'ws' | 'tls' | 'wss';

/**
 * A small SIP user agent client for integration tests: real sockets to the
 * engine, requests written as text, responses parsed by our parser. It
 * answers digest challenges with main/pbx/sip/digest/digest-client.ts, whose
 * math is pinned by the RFC 7616 vectors (test/unit/sip/digest.test.ts);
 * SIPp and baresip tests cover independent implementations.
 */
export class Uac {
  private udp: Socket | undefined;
  private tcp: TcpSocket | undefined;
  private ws: WebSocket | undefined;
  private readonly waiting: ((r: SipResponse) => void)[] = [];
  readonly received: SipResponse[] = [];
  localPort = 0;
  readonly host: string;
  /** The CSeq number of the next request; tests set it to send out-of-order requests. */
  cseq = 1;
  callId = `${randomBytes(8).toString('hex')}@uac`;
  readonly fromTag = randomBytes(4).toString('hex');

  private constructor(
    readonly transport: UacTransport,
    readonly server: { host: string; port: number },
  ) {
    this.host = server.host.includes(':') ? '::1' : '127.0.0.1';
  }

  static async open(transport: UacTransport, server: { host: string; port: number; wsPath?: string }, localPort = 0): Promise<Uac> {
    const uac = new Uac(transport, server);
    await uac.connect(server.wsPath ?? '/', localPort);
    return uac;
  }

  private deliver(data: Buffer): void {
    const message = parseMessage(data);
    if (!message || message.kind !== 'response') return;
    this.received.push(message);
    this.waiting.shift()?.(message);
  }

  private async connect(wsPath: string, localPort: number): Promise<void> {
    if (this.transport === 'udp') {
      const socket = createSocket(this.server.host.includes(':') ? 'udp6' : 'udp4');
      this.udp = socket;
      socket.on('message', (data) => this.deliver(data));
      await new Promise<void>((resolve) => socket.bind(localPort, this.host, () => resolve()));
      this.localPort = socket.address().port;
      return;
    }
    if (this.transport === 'tcp' || this.transport === 'tls') {
      const framer = new StreamFramer({ onMessage: (m) => this.deliver(m), onPing: () => undefined, onFramingError: () => undefined });
      // Tests use a throwaway self-signed certificate, so the client does not verify it.
      const socket =
        this.transport === 'tls'
          ? tlsConnect({ host: this.server.host, port: this.server.port, rejectUnauthorized: false })
          : connect({ host: this.server.host, port: this.server.port });
      this.tcp = socket;
      socket.on('data', (chunk) => framer.push(chunk));
      await new Promise<void>((resolve, reject) => {
        socket.once(this.transport === 'tls' ? 'secureConnect' : 'connect', () => resolve());
        socket.once('error', reject);
      });
      this.localPort = socket.localPort ?? 0;
      return;
    }
    const scheme = this.transport === 'wss' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${this.server.host}:${this.server.port}${wsPath}`, 'sip', { rejectUnauthorized: false });
    this.ws = ws;
    ws.on('message', (data: Buffer) => this.deliver(Buffer.from(data)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  sendRaw(bytes: Buffer): void {
    if (this.udp) this.udp.send(bytes, this.server.port, this.server.host);
    else if (this.tcp) this.tcp.write(bytes);
    else this.ws?.send(bytes.toString('latin1'));
  }

  nextResponse(timeoutMs = 3000): Promise<SipResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no SIP response in time')), timeoutMs);
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  private viaHost(): string {
    if (this.transport === 'ws' || this.transport === 'wss') return 'uac.invalid';
    return this.host.includes(':') ? `[${this.host}]:${this.localPort}` : `${this.host}:${this.localPort}`;
  }

  /** Sends a request and waits for its final response (provisional ones are skipped). */
  async request(method: string, uri: string, headers: string[], body = '', newCallId?: string): Promise<SipResponse> {
    const cseq = this.cseq++;
    const text =
      [
        `${method} ${uri} SIP/2.0`,
        `Via: SIP/2.0/${this.transport.toUpperCase()} ${this.viaHost()};branch=z9hG4bK${randomBytes(6).toString('hex')};rport`,
        'Max-Forwards: 70',
        `Call-ID: ${newCallId ?? this.callId}`,
        `CSeq: ${cseq} ${method}`,
        ...headers,
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n');
    this.sendRaw(Buffer.from(text, 'latin1'));
    for (;;) {
      const response = await this.nextResponse();
      if (response.status >= 200) return response;
    }
  }

  /** REGISTER for an extension, answering one digest challenge. */
  async register(
    extension: string,
    password: string,
    options: { contact?: string; contacts?: string[]; expires?: number; extraHeaders?: string[]; authUser?: string } = {},
  ): Promise<SipResponse> {
    const domain = this.server.host.includes(':') ? `[${this.server.host}]` : this.server.host;
    const uri = `sip:${domain}:${this.server.port}`;
    const contacts = options.contacts ?? [options.contact ?? `<sip:${extension}@${this.viaHost()};transport=${this.transport}>`];
    const headers = [
      `From: <sip:${extension}@${domain}>;tag=${this.fromTag}`,
      `To: <sip:${extension}@${domain}>`,
      ...contacts.map((c) => `Contact: ${c}`),
      ...(options.expires === undefined ? [] : [`Expires: ${options.expires}`]),
      ...(options.extraHeaders ?? []),
    ];
    const first = await this.request('REGISTER', uri, headers);
    if (first.status !== 401) return first;
    const authorization = new DigestClient({ username: options.authUser ?? extension, password }).answer(first.headerValues('www-authenticate'), { method: 'REGISTER', uri });
    if (!authorization) throw new Error('could not answer the challenge');
    return this.request('REGISTER', uri, [...headers, `Authorization: ${authorization}`]);
  }

  close(): void {
    this.udp?.close();
    this.tcp?.destroy();
    this.ws?.close();
  }
}
