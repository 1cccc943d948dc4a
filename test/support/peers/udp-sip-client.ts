import { createSocket, type Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { Endpoint, SipRequestText } from './sip-requests';
import { ackFor } from './sip-requests';
import { parseSipResponse, topViaBranch, type SipResponseText } from './sip-response';

export interface Answer {
  response: SipResponseText;
  /** From the first send to the final response, in milliseconds. */
  elapsedMs: number;
}

/** RFC 3261 §17.1.2.2: retransmit from T1 = 500 ms, doubling up to T2 = 4 s. */
const T1_MS = 500;
const T2_MS = 4_000;

/**
 * A minimal SIP UAC over UDP on a loopback port: sends a request, retransmits
 * it as §17.1.2.2 says until a final response arrives, ACKs a non-2xx final
 * answer to an INVITE, and gives up after a bounded time.
 */
export class UdpSipClient {
  private closed: Promise<void> | undefined;
  private readonly waiting = new Map<string, { answer: (response: SipResponseText) => void; abandon: (error: Error) => void }>();

  private constructor(
    private readonly socket: Socket,
    readonly local: Endpoint,
    private readonly server: Endpoint,
  ) {
    // Send errors (the engine was just killed) surface as timeouts of the requests concerned.
    socket.on('error', () => undefined);
    socket.on('message', (data) => {
      let response;
      try {
        response = parseSipResponse(data.toString('latin1'));
      } catch {
        return; // Requests (a NOTIFY or OPTIONS ping) are not for this client.
      }
      if (response.status < 200) return;
      const branch = topViaBranch(response);
      const waiter = branch === undefined ? undefined : this.waiting.get(branch);
      waiter?.answer(response);
    });
  }

  static async open(server: Endpoint): Promise<UdpSipClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new UdpSipClient(socket, { host: '127.0.0.1', port: socket.address().port }, server);
  }

  private send(text: string): void {
    this.socket.send(Buffer.from(text, 'latin1'), this.server.port, this.server.host);
  }

  /** Sends `request` and resolves with its final response. */
  request(request: SipRequestText, timeoutMs = 8_000): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let interval = T1_MS;
      let retransmit: NodeJS.Timeout;
      const schedule = () => {
        retransmit = setTimeout(() => {
          this.send(request.text);
          interval = Math.min(interval * 2, T2_MS);
          schedule();
        }, interval);
      };
      const finish = () => {
        clearTimeout(retransmit);
        clearTimeout(deadline);
        this.waiting.delete(request.branch);
      };
      const deadline = setTimeout(() => {
        finish();
        reject(new Error(`no final response to ${request.method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(request.branch, {
        answer: (response) => {
          const elapsedMs = performance.now() - started;
          finish();
          if (request.method === 'INVITE' && response.status >= 300) this.send(ackFor(request, response));
          resolve({ response, elapsedMs });
        },
        abandon: (error) => {
          finish();
          reject(error);
        },
      });
      this.send(request.text);
      schedule();
    });
  }

  /** Closes the socket (once; later calls do nothing); requests still waiting fail at once. */
  close(): Promise<void> {
    for (const waiter of [...this.waiting.values()]) waiter.abandon(new Error('the client was closed before a final response'));
    this.closed ??= new Promise((resolve) => this.socket.close(() => resolve()));
    return this.closed;
  }
}
