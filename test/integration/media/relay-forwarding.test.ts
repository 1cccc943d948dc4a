// RTP and RTCP through one relay session between two fake phones (real UDP on loopback).
import { describe, expect, it } from 'vitest';
import { payloadTypeOf, sequenceOf, ssrcOf, timestampOf } from '../../../main/pbx/media/relay/rtp-header';
import { useRelayForFile } from './support/test-relay';
import { rtpPacket, sleep, UdpEndpoint } from './support/udp-endpoint';

const { call } = useRelayForFile();

describe('RTP forwarding between the legs', () => {
  it('forwards both ways with the payload type mapped and SSRC, timestamp, sequence and payload unchanged', async () => {
    const { session, phoneA, phoneB } = await call();
    session.setPayloadMap('a', { 0: 0, 96: 111 });
    session.setPayloadMap('b', { 111: 96 });
    await session.stats(); // a round trip: the worker has the maps
    const fromA = Array.from({ length: 10 }, (_, i) =>
      rtpPacket({ payloadType: 96, sequence: 500 + i, timestamp: 8000 + 160 * i, ssrc: 0xaaaa0001, payload: Buffer.from(`a-${i}`.padEnd(160, '.')) }),
    );
    const fromB = Array.from({ length: 5 }, (_, i) => rtpPacket({ payloadType: 111, sequence: 9 + i, timestamp: 160 * i, ssrc: 0xbbbb0002 }));
    for (const packet of fromA) await phoneA.send(packet, session.a.rtpPort);
    for (const packet of fromB) await phoneB.send(packet, session.b.rtpPort);

    const atB = await phoneB.waitFor(10);
    expect(atB.every((d) => d.port === session.b.rtpPort)).toBe(true);
    expect(atB.map((d) => payloadTypeOf(d.data))).toEqual(Array(10).fill(111));
    expect(atB.map((d) => [sequenceOf(d.data), timestampOf(d.data), ssrcOf(d.data)])).toEqual(fromA.map((p) => [sequenceOf(p), timestampOf(p), 0xaaaa0001]));
    expect(atB.map((d) => d.data.subarray(12).toString())).toEqual(fromA.map((p) => p.subarray(12).toString()));
    const atA = await phoneA.waitFor(5);
    expect(atA.map((d) => [payloadTypeOf(d.data), sequenceOf(d.data), d.port])).toEqual(fromB.map((p) => [96, sequenceOf(p), session.a.rtpPort]));

    const stats = await session.stats();
    expect(stats.a).toMatchObject({ packetsReceived: 10, packetsSent: 5, packetsLost: 0, bytesReceived: 10 * 172, bytesSent: 5 * 172 });
    expect(stats.b).toMatchObject({ packetsReceived: 5, packetsSent: 10, packetsLost: 0 });
  });

  it('drops payload types that are not in the map, and forwards nothing with an empty map', async () => {
    const { session, phoneA, phoneB } = await call();
    session.setPayloadMap('a', { 8: 8 });
    await session.stats();
    await phoneA.send(rtpPacket({ payloadType: 0, sequence: 1 }), session.a.rtpPort);
    await phoneA.send(rtpPacket({ payloadType: 8, sequence: 2 }), session.a.rtpPort);
    // Settings and packets reach the worker on different channels: let packet 2 through before the change.
    await phoneB.waitFor(1);
    session.setPayloadMap('a', {});
    await session.stats();
    await phoneA.send(rtpPacket({ payloadType: 8, sequence: 3 }), session.a.rtpPort);
    await sleep(100);
    expect(phoneB.received.map((d) => sequenceOf(d.data))).toEqual([2]);
    expect((await session.stats()).a.dropped.unmappedPayloadType).toBe(2);
  });

  it('drops and counts datagrams that are not RTP version 2', async () => {
    const { session, phoneA, phoneB } = await call();
    const version1 = rtpPacket({ sequence: 1 });
    version1[0] = 0x40;
    for (const junk of [Buffer.from('hello'), rtpPacket({ sequence: 2 }).subarray(0, 11), version1]) await phoneA.send(junk, session.a.rtpPort);
    await phoneA.send(rtpPacket({ sequence: 3 }), session.a.rtpPort);
    expect((await phoneB.waitFor(1)).map((d) => sequenceOf(d.data))).toEqual([3]);
    await sleep(50);
    expect(phoneB.received).toHaveLength(1);
    expect((await session.stats()).a).toMatchObject({ packetsReceived: 4, dropped: { notRtp: 3 } });
  });

  it('forwards RTCP unchanged between the RTCP ports, both ways', async () => {
    const { session } = await call();
    const [rtcpA, rtcpB] = await Promise.all([UdpEndpoint.open(), UdpEndpoint.open()]);
    session.setRemote('a', { address: '127.0.0.1', rtpPort: 0, rtcpPort: rtcpA.port });
    session.setRemote('b', { address: '127.0.0.1', rtpPort: 0, rtcpPort: rtcpB.port });
    await session.stats();
    // A receiver report (RFC 3550 §6.4.2) with no report blocks, then a goodbye (§6.6).
    const receiverReport = Buffer.from([0x80, 201, 0x00, 0x01, 0xaa, 0xbb, 0xcc, 0xdd]);
    const bye = Buffer.from([0x81, 203, 0x00, 0x01, 0x11, 0x22, 0x33, 0x44]);
    await rtcpA.send(receiverReport, session.a.rtcpPort);
    await rtcpB.send(bye, session.b.rtcpPort);
    const [atB] = await rtcpB.waitFor(1);
    const [atA] = await rtcpA.waitFor(1);
    expect([atB!.data, atB!.port]).toEqual([receiverReport, session.b.rtcpPort]);
    expect([atA!.data, atA!.port]).toEqual([bye, session.a.rtcpPort]);
    const stats = await session.stats();
    expect([stats.a.rtcpPacketsReceived, stats.b.rtcpPacketsSent, stats.a.packetsReceived]).toEqual([1, 1, 0]);
    await Promise.all([rtcpA.close(), rtcpB.close()]);
  });

  it('counts loss when the sender skips sequence numbers, across the 16-bit wrap', async () => {
    const { session, phoneA, phoneB } = await call();
    const sent = Array.from({ length: 40 }, (_, i) => (65520 + i) % 65536).filter((s) => ![65530, 0, 1, 12].includes(s));
    for (const sequence of sent) await phoneA.send(rtpPacket({ sequence }), session.a.rtpPort);
    await phoneB.waitFor(sent.length);
    const stats = await session.stats();
    expect(stats.a).toMatchObject({ packetsReceived: 36, packetsLost: 4 });
    expect(stats.b.packetsLost).toBe(0);
  });
});
