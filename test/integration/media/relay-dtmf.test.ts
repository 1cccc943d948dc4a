// RFC 4733 telephone-events: injected by the relay (sendDtmf) and detected
// on arrival (setTelephoneEvent + onDtmf), with fake phones on loopback.
import { describe, expect, it } from 'vitest';
import type { LegName } from '../../../main/pbx/media/relay/media-relay';
import { markerOf, payloadTypeOf, sequenceOf, ssrcOf, timestampOf } from '../../../main/pbx/media/relay/rtp-header';
import { buildTelephoneEventPacket, readTelephoneEvent } from '../../../main/pbx/media/relay/telephone-event';
import { useRelayForFile } from './support/test-relay';
import { rtpPacket, sleep } from './support/udp-endpoint';

const { call } = useRelayForFile();

const TELEPHONE_EVENT = 101;

describe('RFC 4733 DTMF', () => {
  it('injects a digit into a flowing stream: marker first, updates, three end packets, contiguous sequence numbers', async () => {
    const { session, phoneA, phoneB } = await call();
    const audio = (i: number) => rtpPacket({ sequence: 65500 + i, timestamp: 1000 + 160 * i, ssrc: 0xa0d10 });
    // 40 packets of audio at 20 ms from A, with the digit sent toward B after 200 ms.
    let sent = 0;
    const sending = (async () => {
      for (; sent < 40; sent++) {
        await phoneA.send(audio(sent), session.a.rtpPort);
        await sleep(20);
      }
    })();
    await sleep(200);
    session.sendDtmf('b', '5', 120, TELEPHONE_EVENT, 8000);
    await sending;
    const arrived = await phoneB.waitFor(40 + 6);

    const events = arrived.filter((d) => payloadTypeOf(d.data) === TELEPHONE_EVENT).map((d) => d.data);
    expect(events).toHaveLength(6);
    expect(events.map(markerOf)).toEqual([true, false, false, false, false, false]);
    expect(events.map((e) => readTelephoneEvent(e, 12))).toEqual([
      { event: 5, end: false, volume: 10, duration: 400 },
      { event: 5, end: false, volume: 10, duration: 800 },
      { event: 5, end: false, volume: 10, duration: 960 },
      { event: 5, end: true, volume: 10, duration: 960 },
      { event: 5, end: true, volume: 10, duration: 960 },
      { event: 5, end: true, volume: 10, duration: 960 },
    ]);
    // One event: one timestamp, the stream's own SSRC, and a timestamp inside the audio's timeline.
    expect(new Set(events.map(timestampOf)).size).toBe(1);
    expect(new Set(arrived.map((d) => ssrcOf(d.data)))).toEqual(new Set([0xa0d10]));
    const eventTimestamp = timestampOf(events[0]!);
    expect(eventTimestamp).toBeGreaterThan(1000 + 160 * 5);
    expect(eventTimestamp).toBeLessThan(1000 + 160 * 20);
    // What the far end sees is one gapless sequence, across the wrap at 65535.
    const received = arrived.map((d) => sequenceOf(d.data));
    received.forEach((sequence, i) => expect(sequence).toBe((65500 + i) % 65536));
    expect((await session.stats()).b.packetsSent).toBe(46);
  });

  it('plays queued digits one after the other, each with a new timestamp', async () => {
    const { session, phoneB } = await call();
    session.sendDtmf('b', '1', 60, 96, 16000);
    session.sendDtmf('b', '#', 60, 96, 16000);
    const arrived = await phoneB.waitFor(2 * (2 + 3));
    const events = arrived.map((d) => ({ marker: markerOf(d.data), timestamp: timestampOf(d.data), ...readTelephoneEvent(d.data, 12)! }));
    expect(events.map((e) => [e.event, e.marker, e.end])).toEqual([
      [1, true, false],
      [1, false, false],
      [1, false, true],
      [1, false, true],
      [1, false, true],
      [11, true, false],
      [11, false, false],
      [11, false, true],
      [11, false, true],
      [11, false, true],
    ]);
    expect(events[5]!.timestamp - events[0]!.timestamp).toBeGreaterThanOrEqual(16 * 150);
    expect(events[4]!.duration).toBe(960);
  });

  it('reports each digit a phone sends once, at its end, and still forwards the events', async () => {
    const { session, phoneA, phoneB } = await call();
    const digits: Array<[LegName, string]> = [];
    session.onDtmf((from, digit) => digits.push([from, digit]));
    session.setTelephoneEvent('b', TELEPHONE_EVENT);
    session.setPayloadMap('b', { 0: 0, [TELEPHONE_EVENT]: 100 });
    await session.stats();
    let sequence = 10;
    const sendDigit = async (event: number, timestamp: number) => {
      for (const [end, duration] of [[false, 400], [false, 800], [true, 800], [true, 800], [true, 800]] as const) {
        const header = { marker: duration === 400 && !end, payloadType: TELEPHONE_EVENT, sequence: sequence++, timestamp, ssrc: 0xb0b };
        await phoneB.send(buildTelephoneEventPacket(header, { event, end, volume: 10, duration }), session.b.rtpPort);
      }
    };
    await sendDigit(11, 8000);
    await sendDigit(7, 16000);
    const atA = await phoneA.waitFor(10);
    await sleep(50);
    expect(digits).toEqual([
      ['b', '#'],
      ['b', '7'],
    ]);
    expect(atA.every((d) => payloadTypeOf(d.data) === 100)).toBe(true);
  });

  it('reports nothing on a leg without a telephone-event payload type', async () => {
    const { session, phoneA, phoneB } = await call();
    const digits: string[] = [];
    session.onDtmf((_, digit) => digits.push(digit));
    session.setPayloadMap('b', { [TELEPHONE_EVENT]: TELEPHONE_EVENT });
    await session.stats();
    const header = { marker: true, payloadType: TELEPHONE_EVENT, sequence: 1, timestamp: 1, ssrc: 1 };
    await phoneB.send(buildTelephoneEventPacket(header, { event: 3, end: true, volume: 10, duration: 800 }), session.b.rtpPort);
    await phoneA.waitFor(1);
    await sleep(50);
    expect(digits).toEqual([]);
  });

  it('refuses digits RFC 4733 does not define as DTMF', async () => {
    const { session } = await call();
    expect(() => session.sendDtmf('a', 'E', 100, 101, 8000)).toThrow(/0-9 \* # A-D/);
    expect(() => session.sendDtmf('a', '1', 0, 101, 8000)).toThrow(/duration/);
    expect(() => session.sendDtmf('a', '1', 100, 128, 8000)).toThrow(/payload type/);
  });
});
