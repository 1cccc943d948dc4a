import { connect, type Socket } from 'node:net';

interface Frame {
  response?: boolean;
  ok?: boolean;
  data?: string;
  token?: string;
  event?: boolean;
  type?: string;
}

/**
 * baresip's ctrl_tcp module: JSON in netstrings ("12:{...},") both ways.
 * Commands are answered with {"response":true,...,"token"}; events such as
 * CALL_ESTABLISHED arrive on the same connection whenever they happen, so
 * the client keeps them for waitForEvent.
 */
export class BaresipControl {
  private buffer = '';
  private readonly events: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly answers = new Map<string, (frame: Frame) => void>();
  private nextToken = 1;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => this.receive(chunk.toString('utf8')));
    // baresip going away mid-test ends the connection; pending commands time out with a clear message.
    socket.on('error', () => socket.destroy());
  }

  static connect(port: number): Promise<BaresipControl> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(new BaresipControl(socket)));
      socket.once('error', reject);
    });
  }

  private receive(text: string): void {
    this.buffer += text;
    for (;;) {
      const colon = this.buffer.indexOf(':');
      const length = Number(this.buffer.slice(0, colon));
      if (colon < 0 || this.buffer.length < colon + 2 + length) return;
      const frame = JSON.parse(this.buffer.slice(colon + 1, colon + 1 + length)) as Frame;
      this.buffer = this.buffer.slice(colon + 2 + length);
      if (frame.response && frame.token) this.answers.get(frame.token)?.(frame);
      if (frame.event && frame.type) this.events.push(frame.type);
      for (const listener of this.listeners) listener();
    }
  }

  /** Runs a command (`dial`, `hangup`, …) and resolves with its answer's data; rejects if baresip refuses. */
  command(command: string, params?: string, timeoutMs = 3_000): Promise<string> {
    const token = String(this.nextToken++);
    const json = JSON.stringify({ command, ...(params === undefined ? {} : { params }), token });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.answers.delete(token);
        reject(new Error(`baresip gave no answer to ${command} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.answers.set(token, (frame) => {
        clearTimeout(timer);
        this.answers.delete(token);
        if (frame.ok) resolve(frame.data ?? '');
        else reject(new Error(`baresip refused ${command}: ${frame.data}`));
      });
      this.socket.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  /** Resolves when an event of `type` has come (counting those before the call), or fails after `timeoutMs`. */
  waitForEvent(type: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.events.includes(type)) return;
        finish();
        resolve();
      };
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${type} from baresip within ${timeoutMs} ms (events so far: ${this.events.join(', ') || 'none'})`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /** Forgets the events seen so far (before the next call). */
  clearEvents(): void {
    this.events.length = 0;
  }

  close(): void {
    this.socket.destroy();
  }
}
