// DTMF through the B2BUA between real SIPp phones. The callee's SDP puts its
// media on a socket of this test and names telephone-event payload type 96,
// where the caller uses 101 (RFC 3264 §6.1 lets the answerer choose), so the
// digits must arrive renumbered for the callee.
import { describe, expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import { pcapPacketCount } from '../../support/calls/pcap-packets';
import { telephoneEvent, type RtpPacket } from '../../support/calls/rtp-endpoint';
import { useRtpEndpoints } from '../../support/calls/use-rtp-endpoints';

const CALLEE_EVENT_PT = 96;
const DIGIT_1_PCAP = '/usr/share/sip-tester/dtmf_2833_1.pcap';
const rtpEndpoint = useRtpEndpoints();
const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

/** Calls 1002 from 1001 with `scenario`; the callee's media arrives on a fresh endpoint. */
async function callWithCalleeMedia(scenario: string): Promise<{ packets: RtpPacket[]; callId: string }> {
  const endpoint = await rtpEndpoint();
  const callee = await calls().startCallee('1002', {
    scenario: 'uas-answer.xml',
    keys: { rtp_port: String(endpoint.port), telephone_event_pt: String(CALLEE_EVENT_PT) },
    timeoutSeconds: 20,
  });
  const caller = await calls().startCaller('1001', { scenario, service: '1002', timeoutSeconds: 20 });
  const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  expect(await calls().record(caller.callId)).toMatchObject({ disposition: 'answered', codec: 'PCMA/8000' });
  return { packets: endpoint.packets, callId: caller.callId };
}

/** RFC 4733 §2.5.1: one event is one timestamp; the first packet has the marker, the last three the end bit. */
function expectOneEvent(events: RtpPacket[], code: number): void {
  expect(events.map((p) => telephoneEvent(p).event)).toEqual(events.map(() => code));
  expect(events.map((p) => p.marker)).toEqual(events.map((_, i) => i === 0));
  expect(events.map((p) => telephoneEvent(p).end)).toEqual(events.map((_, i) => i >= events.length - 3));
  expect(new Set(events.map((p) => p.timestamp)).size).toBe(1);
}

describe('DTMF from caller to callee', () => {
  it('RFC 4733 events from the caller arrive as RFC 4733 events with the callee’s payload type', async () => {
    const { packets } = await callWithCalleeMedia('uac-call-dtmf-rfc4733.xml');

    const events = packets.filter((p) => p.payloadType === CALLEE_EVENT_PT);
    // Every packet of the capture (digit 1), renumbered from 101; none left with the caller's number.
    expect(events).toHaveLength(pcapPacketCount(DIGIT_1_PCAP));
    expect(packets.filter((p) => p.payloadType !== CALLEE_EVENT_PT)).toEqual([]);
    expectOneEvent(events, 1);
  }, 40_000);

  it('a SIP INFO digit (application/dtmf-relay) from the caller becomes RFC 4733 events at the callee', async () => {
    const { packets } = await callWithCalleeMedia('uac-call-dtmf-info.xml');

    const events = packets.filter((p) => p.payloadType === CALLEE_EVENT_PT);
    expect(events.length).toBeGreaterThanOrEqual(4);
    expectOneEvent(events, 5);
    // Duration=160 in the INFO: 160 ms at 8 kHz, the telephone-event clock the callee named.
    expect(telephoneEvent(events.at(-1) as RtpPacket).duration).toBe(1280);
  }, 40_000);
});
