// A call with audio between real SIPp phones through the B2BUA: the caller
// plays G.711 A-law, the callee echoes it, and every packet is counted three
// ways: by the peers' scenarios, by the relay (the call record) and by tshark.
import { expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import { pcapPacketCount } from '../../support/calls/pcap-packets';
import { captureUdp } from '../../support/calls/udp-capture';

const AUDIO_PACKETS = pcapPacketCount('/usr/share/sip-tester/g711a.pcap');
const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

it('relays every RTP packet both ways with no loss, and the record agrees with a capture on the wire', async () => {
  // The callee rings for 5 s before it answers: time to start the capture on both phones' media ports.
  const callee = await calls().startCallee('1002', { scenario: 'uas-answer.xml', rtpEcho: true, pauseMs: 5_000, timeoutSeconds: 30 });
  const caller = await calls().startCaller('1001', { scenario: 'uac-call-audio.xml', service: '1002', timeoutSeconds: 30 });
  const capture = await captureUdp([caller.mediaPort, callee.mediaPort]);
  const capturingSince = Date.now();
  try {
    const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
    expect(uac.code, uac.errors || uac.output).toBe(0);
    expect(uas.code, uas.errors || uas.output).toBe(0);
    const wire = await capture.stop();
    const record = await calls().record(caller.callId);
    expect(record.answeredAt, 'the capture must start before the answer, when media starts').toBeGreaterThan(capturingSince);

    const count = (match: (d: { srcPort: number; dstPort: number }) => boolean) => wire.filter(match).length;
    const seen = {
      callerSent: count((d) => d.srcPort === caller.mediaPort),
      calleeReceived: count((d) => d.dstPort === callee.mediaPort),
      calleeSent: count((d) => d.srcPort === callee.mediaPort),
      callerReceived: count((d) => d.dstPort === caller.mediaPort),
    };
    // On the wire: the whole capture went out, through the relay, back from the echo, and back to the caller.
    expect(seen).toEqual({ callerSent: AUDIO_PACKETS, calleeReceived: AUDIO_PACKETS, calleeSent: AUDIO_PACKETS, callerReceived: AUDIO_PACKETS });

    expect(record).toMatchObject({ caller: '1001', callee: '1002', disposition: 'answered', codec: 'PCMA/8000', hangupSide: 'caller' });
    // The relay's counts, leg by leg, are the packets the capture saw on that leg.
    expect(record.callerLeg).toEqual({ packetsReceived: seen.callerSent, packetsSent: seen.callerReceived, packetsLost: 0 });
    expect(record.calleeLeg).toEqual({ packetsReceived: seen.calleeSent, packetsSent: seen.calleeReceived, packetsLost: 0 });
    // The caller hung up after 7.5 s of talk.
    expect(record.durationMs).toBeGreaterThanOrEqual(7_400);
    expect(record.durationMs).toBeLessThan(10_000);
  } finally {
    await capture.stop();
  }
}, 60_000);
