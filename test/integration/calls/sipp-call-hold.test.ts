// Hold and resume through the B2BUA between real SIPp phones (RFC 3264 §8.4):
// the offers and answers keep their direction attributes across both legs,
// and audio flows again after the resume.
import { expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import type { RtpPacket } from '../../support/calls/rtp-endpoint';
import { useRtpEndpoints } from '../../support/calls/use-rtp-endpoints';
import { requestsReceived } from '../../support/calls/sipp-message-log';

/** One second of A-law silence: 50 packets of 20 ms from SIPp's rtp_stream. */
const ONE_SECOND_ALAW = Buffer.alloc(8000, 0xd5);
const PACKETS_PER_STREAM = 50;
const rtpEndpoint = useRtpEndpoints();
const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

/** Splits packets where more than `gapMs` passed between two arrivals. */
function bursts(packets: readonly RtpPacket[], gapMs: number): RtpPacket[][] {
  const result: RtpPacket[][] = [];
  for (const [i, packet] of packets.entries()) {
    if (i === 0 || packet.at - (packets[i - 1] as RtpPacket).at > gapMs) result.push([]);
    result.at(-1)?.push(packet);
  }
  return result;
}

it('hold (sendonly → recvonly) and resume (sendrecv) reach the callee and come back, and audio flows again after the resume', async () => {
  const media = await rtpEndpoint({ echo: true });
  // The callee's scenario fails unless its first re-INVITE offers sendonly and its second sendrecv.
  const callee = await calls().startCallee('1002', { scenario: 'uas-hold.xml', keys: { rtp_port: String(media.port) }, timeoutSeconds: 20 });
  // The caller's scenario fails unless the answers say recvonly, then sendrecv.
  const caller = await calls().startCaller('1001', { scenario: 'uac-hold-resume.xml', service: '1002', files: { 'hold-audio.alaw': ONE_SECOND_ALAW }, timeoutSeconds: 20 });

  const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  const [, hold, resume] = requestsReceived(uas.messages, 'INVITE').map((m) => /^a=(sendonly|recvonly|sendrecv|inactive)\s*$/m.exec(m.text)?.[1]);
  expect([hold, resume]).toEqual(['sendonly', 'sendrecv']);

  // Audio before the hold, none while held (the caller sends none), and audio again after the resume.
  const arrived = bursts(media.packets, 500);
  expect(arrived.map((b) => b.length)).toEqual([PACKETS_PER_STREAM, PACKETS_PER_STREAM]);
  expect((arrived[1]?.[0] as RtpPacket).at - ((arrived[0] as RtpPacket[]).at(-1) as RtpPacket).at).toBeGreaterThanOrEqual(1_000);

  // The callee echoed it all: the relay saw both streams both ways, and lost nothing.
  const record = await calls().record(caller.callId);
  expect(record).toMatchObject({ disposition: 'answered', hangupSide: 'caller' });
  const both = 2 * PACKETS_PER_STREAM;
  expect(record.callerLeg).toEqual({ packetsReceived: both, packetsSent: both, packetsLost: 0 });
  expect(record.calleeLeg).toEqual({ packetsReceived: both, packetsSent: both, packetsLost: 0 });
}, 40_000);
