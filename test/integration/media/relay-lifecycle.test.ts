// Sessions over time: inactivity, closing, port reuse and exhaustion, IPv6.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaRelay } from '../../../main/pbx/media/relay/media-relay';
import { sequenceOf } from '../../../main/pbx/media/relay/rtp-header';
import { freePortRange, openCall, startTestRelay } from './support/test-relay';
import { rtpPacket, sleep } from './support/udp-endpoint';

const relays: MediaRelay[] = [];

async function relayWith(options: Parameters<typeof startTestRelay>[0] = {}): Promise<MediaRelay> {
  const relay = await startTestRelay(options);
  relays.push(relay);
  return relay;
}

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

function bindExclusively(port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ port, address: '127.0.0.1', exclusive: true }, () => resolve(socket));
  });
}

const closeAll = (sockets: Socket[]) => Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));

describe('relay session lifecycle', () => {
  it('fires onIdle once for a silent session, and not while media flows', async () => {
    const relay = await relayWith({ inactivityTimeoutMs: 400 });
    const silent = await openCall(relay);
    const talking = await openCall(relay);
    const idle = { silent: 0, talking: 0 };
    silent.session.onIdle(() => idle.silent++);
    talking.session.onIdle(() => idle.talking++);
    for (let i = 0; i < 18; i++) {
      // RTCP alone also counts as activity: every third packet is a receiver report.
      if (i % 3 === 2) await talking.phoneA.send(Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 9]), talking.session.a.rtcpPort);
      else await talking.phoneA.send(rtpPacket({ sequence: i }), talking.session.a.rtpPort);
      await sleep(50);
    }
    expect(idle).toEqual({ silent: 1, talking: 0 });
    await sleep(800);
    expect(idle).toEqual({ silent: 1, talking: 1 });
    let late = 0;
    silent.session.onIdle(() => late++);
    await sleep(0);
    expect(late).toBe(1);
    await Promise.all([silent.close(), talking.close()]);
  });

  it('close() unbinds the ports (they can be bound again), returns the final stats and is idempotent', async () => {
    const relay = await relayWith();
    const call = await openCall(relay);
    const { session } = call;
    await call.phoneA.send(rtpPacket({ sequence: 1 }), session.a.rtpPort);
    await call.phoneB.waitFor(1);
    const ports = [session.a.rtpPort, session.a.rtcpPort, session.b.rtpPort, session.b.rtcpPort];
    expect(session.a.rtpPort % 2).toBe(0);
    expect(session.a.rtcpPort).toBe(session.a.rtpPort + 1);
    await expect(bindExclusively(session.a.rtpPort)).rejects.toThrow(/EADDRINUSE/);

    const [first, second] = await Promise.all([session.close(), session.close()]);
    expect(first.a.packetsReceived).toBe(1);
    expect(second).toEqual(first);
    expect(await session.close()).toEqual(first);
    expect(relay.status()).toMatchObject({ sessions: 0, portsInUse: 0 });
    await closeAll(await Promise.all(ports.map(bindExclusively)));
    session.setRemote('a', undefined); // after close: ignored, no throw
    await call.close();
  });

  it('opens and closes 200 sessions in a range of 30 pairs without leaking a port', async () => {
    const relay = await relayWith({ portRange: await freePortRange(30) });
    for (let round = 0; round < 20; round++) {
      const sessions = await Promise.all(Array.from({ length: 10 }, () => relay.openSession()));
      expect(relay.status()).toMatchObject({ sessions: 10, portsInUse: 40 });
      const ports = new Set(sessions.flatMap((s) => [s.a.rtpPort, s.b.rtpPort]));
      expect(ports.size).toBe(20);
      await Promise.all(sessions.map((s) => s.close()));
    }
    expect(relay.status()).toEqual({ sessions: 0, workers: 2, portsInUse: 0 });
  });

  it('rejects with a clear error when the range is exhausted, and recovers when a session closes', async () => {
    const relay = await relayWith({ portRange: await freePortRange(3) });
    const first = await relay.openSession();
    await expect(relay.openSession()).rejects.toThrow(/RTP port range \d+–\d+ is exhausted: \d pairs in use by the relay/);
    expect(relay.status().portsInUse).toBe(4);
    await first.close();
    const again = await relay.openSession();
    await again.close();
  });

  it('skips a port pair another program holds (EADDRINUSE)', async () => {
    const [low, high] = await freePortRange(3);
    const squatter = await bindExclusively(low + 3); // the RTCP port of the middle pair
    const relay = await relayWith({ portRange: [low, high] });
    const session = await relay.openSession();
    expect([session.a.rtpPort, session.b.rtpPort].sort()).toEqual([low, low + 4]);
    await expect(relay.openSession()).rejects.toThrow(/1 more held by other programs/);
    await session.close();
    await closeAll([squatter]);
  });

  it('relays over IPv6', async () => {
    const relay = await relayWith({ bindAddress: '::1' });
    const call = await openCall(relay, '::1');
    await call.phoneA.send(rtpPacket({ sequence: 42 }), call.session.a.rtpPort);
    const [arrived] = await call.phoneB.waitFor(1);
    expect([sequenceOf(arrived!.data), arrived!.address, arrived!.port]).toEqual([42, '::1', call.session.b.rtpPort]);
    expect(() => call.session.setRemote('a', { address: 'phone.example.com', rtpPort: 4000, rtcpPort: 4001 })).toThrow(/IP address/);
    await call.close();
  });

  it('refuses an IPv6 peer on an IPv4 relay', async () => {
    const relay = await relayWith();
    const session = await relay.openSession();
    expect(() => session.setRemote('b', { address: '::1', rtpPort: 4000, rtcpPort: 4001 })).toThrow(/IPv6 but the relay binds to IPv4/);
    await session.close();
  });
});
