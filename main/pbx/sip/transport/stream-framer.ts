/**
 * Cuts a byte stream (TCP, TLS) into SIP messages by Content-Length (RFC 3261
 * §18.3), never by scanning bodies (mpart01 has NULs and bare LFs). Answers
 * the RFC 5626 §3.5.1 double-CRLF keepalive. A header block or body over the
 * caps is a framing error: the connection must close, since framing cannot
 * be recovered (ncl, mcl01).
 */
export interface FramerLimits {
  readonly maxHeaderBytes: number;
  readonly maxBodyBytes: number;
}

export const DEFAULT_FRAMER_LIMITS: FramerLimits = { maxHeaderBytes: 16 * 1024, maxBodyBytes: 256 * 1024 };

export interface FramerSink {
  onMessage(message: Buffer): void;
  /** The peer sent a CRLFCRLF ping: answer with CRLF (pong). */
  onPing(): void;
  onFramingError(reason: string): void;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:[ \t]*(.*)$/gim;

export class StreamFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private failed = false;

  constructor(
    private readonly sink: FramerSink,
    private readonly limits: FramerLimits = DEFAULT_FRAMER_LIMITS,
  ) {}

  /** Bytes held while waiting for the rest of a message. */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Buffer): void {
    if (this.failed) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    while (!this.failed && this.buffer.length > 0 && this.next());
  }

  /** Drops what is held, e.g. when a partial message timed out. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }

  /** Consumes one unit (keepalive or message) if complete; false when more bytes are needed. */
  private next(): boolean {
    const data = this.buffer;
    if (data[0] === 0x0d || data[0] === 0x0a) {
      if (data.length >= 4 && data.readUInt32BE(0) === 0x0d0a0d0a) {
        this.buffer = data.subarray(4);
        this.sink.onPing();
        return true;
      }
      // "\r" or "\r\n\r" may still become a ping: wait for the next byte.
      if (data[0] === 0x0d && (data.length === 1 || (data.length === 3 && data[1] === 0x0a && data[2] === 0x0d))) return false;
      // A lone CRLF (a pong, or padding before a start line, §7.5), a bare LF, or a stray CR.
      this.buffer = data.subarray(data[0] === 0x0d && data[1] === 0x0a ? 2 : 1);
      return true;
    }
    const headerEnd = data.indexOf(CRLFCRLF);
    if (headerEnd < 0) {
      if (data.length > this.limits.maxHeaderBytes) this.fail('header block too large');
      return false;
    }
    if (headerEnd > this.limits.maxHeaderBytes) {
      this.fail('header block too large');
      return false;
    }
    const header = data.toString('latin1', 0, headerEnd);
    let length: number | undefined;
    for (const match of header.matchAll(CONTENT_LENGTH)) {
      const value = (match[1] ?? '').trim();
      if (!/^\d{1,9}$/.test(value)) return this.fail('bad Content-Length');
      if (length !== undefined && length !== Number(value)) return this.fail('conflicting Content-Length');
      length = Number(value);
    }
    // Required on streams (§20.14); without it, read it as 0 rather than guess.
    const bodyLength = length ?? 0;
    if (bodyLength > this.limits.maxBodyBytes) return this.fail('body too large');
    const total = headerEnd + 4 + bodyLength;
    if (data.length < total) return false;
    // Copy, so a small message never pins a large read buffer.
    const message = Buffer.from(data.subarray(0, total));
    this.buffer = data.subarray(total);
    this.sink.onMessage(message);
    return true;
  }

  private fail(reason: string): false {
    this.failed = true;
    this.buffer = Buffer.alloc(0);
    this.sink.onFramingError(reason);
    return false;
  }
}
