import { describe, expect, it } from 'vitest';
import { StreamFramer } from '../../../main/pbx/sip/transport/stream-framer';

function collect(limits?: { maxHeaderBytes: number; maxBodyBytes: number }) {
  const messages: string[] = [];
  const errors: string[] = [];
  let pings = 0;
  const framer = new StreamFramer(
    { onMessage: (m) => messages.push(m.toString('latin1')), onPing: () => pings++, onFramingError: (r) => errors.push(r) },
    limits,
  );
  return { framer, messages, errors, pings: () => pings };
}

const message = (body: string) => `MESSAGE sip:a@b SIP/2.0\r\nl: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`;

describe('stream framing by Content-Length (RFC 3261 §18.3)', () => {
  it('cuts back-to-back messages, whatever the chunking, and keeps binary bodies whole (mpart01)', () => {
    const body = 'a\r\n\r\nb\x00\nINVITE sip:x SIP/2.0\r\n';
    const stream = Buffer.from(message(body) + message('') + message('z'), 'latin1');
    for (const size of [1, 3, 7, stream.length]) {
      const { framer, messages } = collect();
      for (let i = 0; i < stream.length; i += size) framer.push(stream.subarray(i, i + size));
      expect(messages).toEqual([message(body), message(''), message('z')]);
      expect(framer.pending).toBe(0);
    }
  });

  it('answers a CRLFCRLF keepalive and skips a lone CRLF pong (RFC 5626 §3.5.1)', () => {
    const { framer, messages, pings } = collect();
    framer.push(Buffer.from('\r\n\r\n'));
    framer.push(Buffer.from('\r\n'));
    framer.push(Buffer.from(message('x')));
    expect(pings()).toBe(1);
    expect(messages).toEqual([message('x')]);
  });

  it('waits for the rest of a body (clerr) without emitting', () => {
    const { framer, messages } = collect();
    framer.push(Buffer.from('INVITE sip:a@b SIP/2.0\r\nContent-Length: 9999\r\n\r\nshort'));
    expect(messages).toEqual([]);
    expect(framer.pending).toBeGreaterThan(0);
    framer.reset();
    expect(framer.pending).toBe(0);
  });

  it.each([
    ['a negative length (ncl)', 'INVITE sip:a@b SIP/2.0\r\nContent-Length: -999\r\n\r\n'],
    ['two different lengths (mcl01)', 'INVITE sip:a@b SIP/2.0\r\nContent-Length: 3\r\nl: 5\r\n\r\nabcde'],
  ])('fails on %s and keeps nothing', (_name, text) => {
    const { framer, errors, messages } = collect();
    framer.push(Buffer.from(text));
    framer.push(Buffer.from(message('after')));
    expect(errors).toHaveLength(1);
    expect(messages).toEqual([]);
    expect(framer.pending).toBe(0);
  });

  it('fails on a header block or a body over the caps', () => {
    const headers = collect({ maxHeaderBytes: 100, maxBodyBytes: 100 });
    headers.framer.push(Buffer.from(`OPTIONS sip:a@b SIP/2.0\r\nX: ${'y'.repeat(200)}`));
    expect(headers.errors).toEqual(['header block too large']);
    const body = collect({ maxHeaderBytes: 100, maxBodyBytes: 100 });
    body.framer.push(Buffer.from('MESSAGE sip:a@b SIP/2.0\r\nl: 101\r\n\r\n'));
    expect(body.errors).toEqual(['body too large']);
  });
});
