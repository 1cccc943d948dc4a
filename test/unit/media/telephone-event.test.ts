import { describe, expect, it } from 'vitest';
import { END_PACKETS, planTelephoneEvent } from '../../../main/pbx/media/relay/dtmf-sender';
import { markerOf, payloadTypeOf, sequenceOf, ssrcOf, timestampOf } from '../../../main/pbx/media/relay/rtp-header';
import {
  buildTelephoneEventPacket,
  dtmfDigit,
  dtmfEventCode,
  readTelephoneEvent,
  writeTelephoneEvent,
} from '../../../main/pbx/media/relay/telephone-event';

describe('RFC 4733 telephone-event payloads', () => {
  it('maps the 16 DTMF digits to event codes 0–15 (§3.2) and nothing else', () => {
    expect([...'0123456789*#ABCD'].map(dtmfEventCode)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(dtmfEventCode('d')).toBe(15);
    for (const bad of ['', 'E', '12', ' ', '+']) expect(dtmfEventCode(bad)).toBeUndefined();
    expect([dtmfDigit(11), dtmfDigit(16)]).toEqual(['#', undefined]);
  });

  it('encodes event, E bit, volume and duration as in §2.3', () => {
    const bytes = Buffer.alloc(4);
    writeTelephoneEvent(bytes, 0, { event: 9, end: true, volume: 10, duration: 1600 });
    expect(bytes).toEqual(Buffer.from([0x09, 0x8a, 0x06, 0x40]));
    expect(readTelephoneEvent(bytes, 0)).toEqual({ event: 9, end: true, volume: 10, duration: 1600 });
    expect(readTelephoneEvent(bytes, 1)).toBeUndefined();
  });

  it('builds a whole RTP packet', () => {
    const bytes = buildTelephoneEventPacket(
      { marker: true, payloadType: 101, sequence: 7, timestamp: 123456, ssrc: 42 },
      { event: 1, end: false, volume: 10, duration: 400 },
    );
    expect(bytes.length).toBe(16);
    expect([markerOf(bytes), payloadTypeOf(bytes), sequenceOf(bytes), timestampOf(bytes), ssrcOf(bytes)]).toEqual([true, 101, 7, 123456, 42]);
    expect(readTelephoneEvent(bytes, 12)).toEqual({ event: 1, end: false, volume: 10, duration: 400 });
  });

  it('plans updates every 50 ms with growing duration, then three end packets (§2.5.1.2, §2.5.1.4)', () => {
    expect(planTelephoneEvent(120, 8000)).toEqual([
      { end: false, duration: 400 },
      { end: false, duration: 800 },
      { end: false, duration: 960 },
      { end: true, duration: 960 },
      { end: true, duration: 960 },
      { end: true, duration: 960 },
    ]);
    const short = planTelephoneEvent(20, 48000);
    expect(short).toEqual([{ end: false, duration: 960 }, ...Array(END_PACKETS).fill({ end: true, duration: 960 })]);
  });

  it('caps a duration to what 16 bits hold', () => {
    const plan = planTelephoneEvent(5000, 48000);
    expect(plan.at(-1)).toEqual({ end: true, duration: 0xffff });
    expect(plan.every((step) => step.duration <= 0xffff)).toBe(true);
  });
});
