// Forking through the B2BUA: 1002 has two phones (two SIPp UASes, two
// bindings); both ring, the first to answer gets the call and the other is
// cancelled (RFC 3261 §16.7 step 10 for a proxy; the same rule for our forks).
import { expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import { pcapPacketCount } from '../../support/calls/pcap-packets';
import { useRtpEndpoints } from '../../support/calls/use-rtp-endpoints';
import { requestsReceived, statusesReceived } from '../../support/calls/sipp-message-log';

const AUDIO_PACKETS = pcapPacketCount('/usr/share/sip-tester/g711a.pcap');
const mediaEndpoint = useRtpEndpoints();
const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

it('rings both contacts of 1002; one answers after 1 s, the other gets a CANCEL, and one answered call is recorded', async () => {
  const answering = await calls().startCallee('1002', { scenario: 'uas-answer.xml', pauseMs: 1_000, timeoutSeconds: 20 });
  const ringing = await calls().startCallee('1002', { scenario: 'uas-ring-until-cancel.xml', timeoutSeconds: 20 });
  const caller = await calls().startCaller('1001', { scenario: 'uac-invite.xml', service: '1002', pauseMs: 1_000, timeoutSeconds: 20 });

  const [uac, answered, cancelled] = await Promise.all([caller.result(), answering.result(), ringing.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  // Each callee's scenario only passes on its own path: BYE after answering; CANCEL, 200, 487, ACK for the other.
  expect(answered.code, answered.errors || answered.output).toBe(0);
  expect(cancelled.code, cancelled.errors || cancelled.output).toBe(0);

  expect(new Set(statusesReceived(uac.messages, 'INVITE'))).toEqual(new Set([407, 100, 180, 200]));
  for (const phone of [answered, cancelled]) expect(requestsReceived(phone.messages, 'INVITE')).toHaveLength(1);
  expect(requestsReceived(answered.messages, 'BYE')).toHaveLength(1);
  const [cancel] = requestsReceived(cancelled.messages, 'CANCEL');
  // RFC 3326: the phone that stopped ringing learns why.
  expect(cancel?.text).toMatch(/^Reason:\s*SIP\s*;\s*cause=200\b/im);
  expect(requestsReceived(cancelled.messages, 'BYE')).toEqual([]);

  const record = await calls().record(caller.callId);
  expect(record).toMatchObject({ caller: '1001', callee: '1002', disposition: 'answered', hangupSide: 'caller' });
  expect((record.answeredAt as number) - record.startedAt).toBeGreaterThanOrEqual(900);
  expect((await calls().history()).filter((r) => r.callId === caller.callId)).toHaveLength(1);
}, 40_000);

it('early media from one phone, the answer from the other: the caller’s audio goes to the phone that answered', async () => {
  const [announcingMedia, answeringMedia] = [await mediaEndpoint(), await mediaEndpoint()];
  const announcing = await calls().startCallee('1002', { scenario: 'uas-early-media-until-cancel.xml', keys: { rtp_port: String(announcingMedia.port) }, timeoutSeconds: 20 });
  const answering = await calls().startCallee('1002', { scenario: 'uas-answer.xml', pauseMs: 1_500, keys: { rtp_port: String(answeringMedia.port) }, timeoutSeconds: 20 });
  const caller = await calls().startCaller('1001', { scenario: 'uac-call-audio.xml', service: '1002', timeoutSeconds: 20 });

  const [uac, answered, cancelled] = await Promise.all([caller.result(), answering.result(), announcing.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(answered.code, answered.errors || answered.output).toBe(0);
  expect(cancelled.code, cancelled.errors || cancelled.output).toBe(0);
  // The announcement reached the caller as early media, and no 180 followed it.
  const statuses = statusesReceived(uac.messages, 'INVITE');
  expect(statuses.slice(statuses.indexOf(183))).toEqual([183, 200]);

  // The caller plays its capture only after the 200: all of it must reach the phone that answered.
  expect(answeringMedia.packets.length).toBeGreaterThanOrEqual(AUDIO_PACKETS - 2);
  expect(announcingMedia.packets).toEqual([]);
  expect(await calls().record(caller.callId)).toMatchObject({ disposition: 'answered', codec: 'PCMA/8000' });
}, 40_000);
