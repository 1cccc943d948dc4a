import { describe, expect, it } from 'vitest';
import { OutboundStream } from '../../../main/pbx/media/relay/outbound-stream';
import { sequenceOf, writeRtpHeader } from '../../../main/pbx/media/relay/rtp-header';

function audio(sequence: number, timestamp: number): Buffer {
  const bytes = Buffer.alloc(12 + 160);
  writeRtpHeader(bytes, { marker: false, payloadType: 0, sequence, timestamp, ssrc: 77 });
  return bytes;
}

describe('the stream sent toward a leg (forwarded + injected packets)', () => {
  it('passes sequence numbers through until something is injected, then shifts them to stay contiguous', () => {
    const stream = new OutboundStream();
    const seen: number[] = [];
    const forward = (sequence: number) => {
      const bytes = audio(sequence, sequence * 160);
      stream.forward(bytes, 0);
      seen.push(sequenceOf(bytes));
    };
    forward(65534);
    forward(65535);
    seen.push(stream.nextInjectedSequence(), stream.nextInjectedSequence());
    forward(0);
    forward(1);
    seen.push(stream.nextInjectedSequence());
    forward(2);
    expect(seen).toEqual([65534, 65535, 0, 1, 2, 3, 4, 5]);
    expect(stream.ssrc).toBe(77);
  });

  it('does not rewind for a late packet', () => {
    const stream = new OutboundStream();
    stream.forward(audio(10, 1600), 0);
    stream.forward(audio(9, 1440), 0);
    expect(stream.nextInjectedSequence()).toBe(11);
  });

  it('runs the timestamp on from the last forwarded packet at the given clock rate', () => {
    const stream = new OutboundStream();
    stream.forward(audio(1, 0xffffff00), 1000);
    expect(stream.timestampAt(1000, 8000)).toBe(0xffffff00);
    expect(stream.timestampAt(1100, 8000)).toBe((0xffffff00 + 800) >>> 0);
  });
});
