// Early media through the B2BUA: a callee that answers the offer in a 183
// (an announcement, a ringback tone) is heard by the caller before the call
// is answered. Both phones' media ports are sockets of this test.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import { buildRtp } from '../../support/calls/rtp-endpoint';
import { useRtpEndpoints } from '../../support/calls/use-rtp-endpoints';
import { bodyOf, requestsReceived, statusesReceived, type SippMessage } from '../../support/calls/sipp-message-log';
import { waitUntil } from '../../support/peers/wait-until';

const EARLY_PACKETS = 25;
const endpoint = useRtpEndpoints();
const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

function received(messages: readonly SippMessage[], startLine: RegExp): SippMessage | undefined {
  return messages.find((m) => m.direction === 'received' && startLine.test(m.startLine));
}

it('a 183 with SDP reaches the caller with an answer, the callee’s media flows to the caller before the 200, and the 200 repeats that answer', async () => {
  const [callerMedia, calleeMedia] = [await endpoint(), await endpoint()];
  // The callee sends 183 with its answer at once, and 200 only 4 s later.
  const callee = await calls().startCallee('1002', { scenario: 'uas-early-media.xml', pauseMs: 4_000, keys: { rtp_port: String(calleeMedia.port) }, timeoutSeconds: 20 });
  const caller = await calls().startCaller('1001', { scenario: 'uac-invite.xml', service: '1002', pauseMs: 500, keys: { rtp_port: String(callerMedia.port) }, timeoutSeconds: 20 });

  // The announcement: 0.5 s of A-law from the callee to the relay port the engine's offer named.
  const invite = await waitUntil('the INVITE at the callee', () => requestsReceived(callee.messages(), 'INVITE')[0], 5_000);
  const relayPort = Number(/^m=audio (\d+) /m.exec(bodyOf(invite))?.[1]);
  await waitUntil('the 183 at the caller', () => received(caller.messages(), /^SIP\/2\.0 183/), 5_000);
  for (let i = 0; i < EARLY_PACKETS; i++) {
    await calleeMedia.send(buildRtp({ payloadType: 8, sequence: 4000 + i, timestamp: 160 * i, ssrc: 0xea51 }), relayPort);
    await sleep(20);
  }
  await waitUntil('the early media at the caller', () => (callerMedia.packets.length >= EARLY_PACKETS ? true : undefined), 3_000);
  expect(statusesReceived(caller.messages(), 'INVITE'), 'all of it before the answer').not.toContain(200);
  expect(callerMedia.packets.map((p) => [p.payloadType, p.sequence])).toEqual(Array.from({ length: EARLY_PACKETS }, (_, i) => [8, 4000 + i]));

  const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  const early = bodyOf(received(uac.messages, /^SIP\/2\.0 183/) as SippMessage);
  expect(early).toMatch(/^m=audio \d+ RTP\/AVP 8\b/m);
  // RFC 3261 §13.2.1: an answer in a provisional response is "that same exact answer" as in the 2xx.
  expect(bodyOf(received(uac.messages, /^SIP\/2\.0 200/) as SippMessage)).toBe(early);

  const record = await calls().record(caller.callId);
  expect(record).toMatchObject({ disposition: 'answered', hangupSide: 'caller' });
  expect(record.calleeLeg.packetsReceived).toBe(EARLY_PACKETS);
  expect(record.callerLeg.packetsSent).toBe(EARLY_PACKETS);
}, 40_000);
