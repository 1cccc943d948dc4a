// Symmetric RTP (latching) and the RTP bleed guard, with fake phones whose
// source ports differ from their SDP, as behind a NAT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaRelay } from '../../../main/pbx/media/relay/media-relay';
import { sequenceOf } from '../../../main/pbx/media/relay/rtp-header';
import { RELATCH_AFTER_SILENCE_MS } from '../../../main/pbx/media/relay/source-latch';
import { openCall, startTestRelay, type Call } from './support/test-relay';
import { rtpPacket, sleep, UdpEndpoint } from './support/udp-endpoint';

let relay: MediaRelay;
const closers: Array<() => Promise<void>> = [];

async function call(): Promise<Call> {
  const opened = await openCall(relay);
  closers.push(opened.close);
  return opened;
}

async function endpoint(): Promise<UdpEndpoint> {
  const opened = await UdpEndpoint.open();
  closers.push(() => opened.close());
  return opened;
}

const sequences = (datagrams: { data: Buffer }[]) => datagrams.map((d) => sequenceOf(d.data));

beforeAll(async () => {
  relay = await startTestRelay();
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  await relay.stop();
});

describe('symmetric RTP (RFC 4961) and hijack protection', () => {
  it('sends to the SDP address until the phone sends, then to the NAT-mapped source it sends from', async () => {
    const { session, phoneA, phoneB: sdpPortOfB } = await call();
    const natMappedB = await endpoint();
    await phoneA.send(rtpPacket({ sequence: 1 }), session.a.rtpPort);
    expect(sequences(await sdpPortOfB.waitFor(1))).toEqual([1]);

    await natMappedB.send(rtpPacket({ sequence: 100, ssrc: 0xb }), session.b.rtpPort);
    await phoneA.waitFor(1);
    await phoneA.send(rtpPacket({ sequence: 2 }), session.a.rtpPort);
    expect(sequences(await natMappedB.waitFor(1))).toEqual([2]);
    expect(sdpPortOfB.received).toHaveLength(1);
  });

  it('ignores another source while the latched one is active, and keeps sending to the real phone', async () => {
    const { session, phoneA, phoneB } = await call();
    const attacker = await endpoint();
    await phoneA.send(rtpPacket({ sequence: 1 }), session.a.rtpPort);
    await phoneB.waitFor(1);
    for (let i = 0; i < 5; i++) {
      await attacker.send(rtpPacket({ sequence: 900 + i, ssrc: 0xbad }), session.a.rtpPort);
      await phoneA.send(rtpPacket({ sequence: 2 + i }), session.a.rtpPort);
    }
    await phoneB.send(rtpPacket({ sequence: 50, ssrc: 0xb }), session.b.rtpPort);
    expect(sequences(await phoneB.waitFor(6))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sequences(await phoneA.waitFor(1))).toEqual([50]);
    await sleep(50);
    expect(attacker.received).toHaveLength(0);
    expect(phoneB.received).toHaveLength(6);
    expect((await session.stats()).a.dropped.foreignSource).toBe(5);
  });

  it('moves to a new source once the latched one has been silent for 2 s (NAT rebinding)', async () => {
    const { session, phoneA, phoneB } = await call();
    const reboundA = await endpoint();
    await phoneA.send(rtpPacket({ sequence: 1 }), session.a.rtpPort);
    await phoneB.waitFor(1);
    await sleep(RELATCH_AFTER_SILENCE_MS + 100);
    await reboundA.send(rtpPacket({ sequence: 2 }), session.a.rtpPort);
    expect(sequences(await phoneB.waitFor(2))).toEqual([1, 2]);
    await phoneB.send(rtpPacket({ sequence: 70, ssrc: 0xb }), session.b.rtpPort);
    expect(sequences(await reboundA.waitFor(1))).toEqual([70]);
    // The old mapping is now the stranger.
    await phoneA.send(rtpPacket({ sequence: 3 }), session.a.rtpPort);
    await sleep(50);
    expect(phoneB.received).toHaveLength(2);
    expect(phoneA.received).toHaveLength(0);
  });

  it('stops sending to a leg whose SDP port becomes 0 (a disabled stream), even though it latched', async () => {
    const { session, phoneA, phoneB } = await call();
    await phoneB.send(rtpPacket({ sequence: 1, ssrc: 0xb }), session.b.rtpPort);
    await phoneA.send(rtpPacket({ sequence: 1 }), session.a.rtpPort);
    await phoneB.waitFor(1);
    session.setRemote('b', { address: '127.0.0.1', rtpPort: 0, rtcpPort: 0 });
    await session.stats();
    await phoneA.send(rtpPacket({ sequence: 2 }), session.a.rtpPort);
    await phoneB.send(rtpPacket({ sequence: 2, ssrc: 0xb }), session.b.rtpPort);
    await sleep(50);
    expect(phoneB.received).toHaveLength(1);
    expect((await session.stats()).b.dropped.noDestination).toBe(1);
  });

  it('latches RTCP separately from RTP', async () => {
    const { session, phoneA } = await call();
    const [rtcpA, natMappedRtcpB, sdpRtcpB] = await Promise.all([endpoint(), endpoint(), endpoint()]);
    session.setRemote('b', { address: '127.0.0.1', rtpPort: 0, rtcpPort: sdpRtcpB.port });
    await session.stats();
    const report = (ssrc: number) => Buffer.from([0x80, 201, 0, 1, 0, 0, 0, ssrc]);
    await rtcpA.send(report(1), session.a.rtcpPort);
    await sdpRtcpB.waitFor(1);
    await natMappedRtcpB.send(report(2), session.b.rtcpPort);
    await rtcpA.waitFor(1);
    await rtcpA.send(report(3), session.a.rtcpPort);
    expect((await natMappedRtcpB.waitFor(1))[0]!.data).toEqual(report(3));
    expect(sdpRtcpB.received).toHaveLength(1);
    expect(phoneA.received).toHaveLength(0);
  });
});
