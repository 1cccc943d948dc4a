import { describe, expect, it } from 'vitest';
import {
  isRtpV2,
  isVersion2,
  markerOf,
  payloadOffsetOf,
  payloadTypeOf,
  sequenceOf,
  setPayloadType,
  setSequence,
  ssrcOf,
  timestampOf,
  writeRtpHeader,
} from '../../../main/pbx/media/relay/rtp-header';

const header = { marker: true, payloadType: 101, sequence: 0xfffe, timestamp: 0xdeadbeef, ssrc: 0x01020304 };

function packet(extraBytes = 0): Buffer {
  const bytes = Buffer.alloc(12 + extraBytes);
  writeRtpHeader(bytes, header);
  return bytes;
}

describe('RTP fixed header (RFC 3550 §5.1)', () => {
  it('writes and reads back every field', () => {
    const bytes = packet();
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x80, 0x80 | 101]));
    expect([markerOf(bytes), payloadTypeOf(bytes), sequenceOf(bytes), timestampOf(bytes), ssrcOf(bytes)]).toEqual([true, 101, 0xfffe, 0xdeadbeef, 0x01020304]);
  });

  it('accepts version 2 with a full header only', () => {
    expect(isRtpV2(packet())).toBe(true);
    expect(isRtpV2(packet().subarray(0, 11))).toBe(false);
    const version1 = packet();
    version1[0] = 0x40;
    expect(isRtpV2(version1)).toBe(false);
    expect(isRtpV2(Buffer.from('not an RTP packet at all'))).toBe(false);
    // RTCP's shortest packet is its 8-byte header.
    expect(isVersion2(Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 1]), 8)).toBe(true);
    expect(isVersion2(Buffer.from([0x80, 201, 0, 1]), 8)).toBe(false);
  });

  it('rewrites the payload type and keeps the marker bit', () => {
    const bytes = packet();
    setPayloadType(bytes, 8);
    expect([markerOf(bytes), payloadTypeOf(bytes)]).toEqual([true, 8]);
    bytes[1] = 0;
    setPayloadType(bytes, 127);
    expect([markerOf(bytes), payloadTypeOf(bytes)]).toEqual([false, 127]);
  });

  it('writes sequence numbers modulo 2^16', () => {
    const bytes = packet();
    setSequence(bytes, 0x10001);
    expect(sequenceOf(bytes)).toBe(1);
  });

  it('finds the payload after CSRCs and a header extension (§5.3.1), and refuses a truncated one', () => {
    expect(payloadOffsetOf(packet(4))).toBe(12);
    const withCsrcs = packet(8 + 4);
    withCsrcs[0] = 0x80 | 2;
    expect(payloadOffsetOf(withCsrcs)).toBe(20);
    const withExtension = packet(4 + 8 + 4);
    withExtension[0] = 0x80 | 0x10;
    withExtension.writeUInt16BE(2, 12 + 2); // two 32-bit words of extension data
    expect(payloadOffsetOf(withExtension)).toBe(24);
    withExtension.writeUInt16BE(9, 12 + 2);
    expect(payloadOffsetOf(withExtension)).toBeUndefined();
  });
});
