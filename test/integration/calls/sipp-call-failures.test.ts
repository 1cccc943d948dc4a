// Calls that never connect, between real SIPp phones through the B2BUA: what
// the caller hears, what the callee sees, and the call record.
import { describe, expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import { requestsReceived, statusesReceived } from '../../support/calls/sipp-message-log';

const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

/** 1001 calls 1002 with these SIPp scenarios; both must pass. */
async function call1002(calleeScenario: string, callerScenario: string, timeoutSeconds: number) {
  const callee = await calls().startCallee('1002', { scenario: calleeScenario, timeoutSeconds });
  const caller = await calls().startCaller('1001', { scenario: callerScenario, service: '1002', timeoutSeconds });
  const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  return { uac, uas, callId: caller.callId };
}

describe('calls that are not answered', () => {
  it('busy: the callee answers 486, the caller gets 486, the record says busy', async () => {
    const { uac, callId } = await call1002('uas-busy.xml', 'uac-invite.xml', 15);
    expect(statusesReceived(uac.messages, 'INVITE')).toEqual([407, 100, 180, 486]);
    expect(await calls().record(callId)).toMatchObject({
      caller: '1001',
      callee: '1002',
      disposition: 'busy',
      answeredAt: null,
      durationMs: 0,
      hangupSide: 'callee',
    });
  }, 30_000);

  it('declined: the callee answers 603, the caller gets 603, the record says declined', async () => {
    const { uac, callId } = await call1002('uas-decline.xml', 'uac-invite.xml', 15);
    expect(statusesReceived(uac.messages, 'INVITE').at(-1)).toBe(603);
    expect(await calls().record(callId)).toMatchObject({ disposition: 'declined', answeredAt: null, hangupSide: 'callee' });
  }, 30_000);

  it('no answer: after the ring timeout the caller gets 480, the callee a CANCEL, the record says no-answer', async () => {
    await calls().setRingTimeout('1002', 5);
    try {
      const { uac, uas, callId } = await call1002('uas-ring-until-cancel.xml', 'uac-invite.xml', 20);
      expect(statusesReceived(uac.messages, 'INVITE')).toEqual([407, 100, 180, 480]);
      expect(requestsReceived(uas.messages, 'CANCEL')).toHaveLength(1);
      const record = await calls().record(callId);
      expect(record).toMatchObject({ disposition: 'no-answer', answeredAt: null, hangupSide: 'system' });
      // Rang for the ring timeout: 5 s, give or take scheduling on a busy machine.
      expect(record.endedAt - record.startedAt).toBeGreaterThanOrEqual(4_900);
      expect(record.endedAt - record.startedAt).toBeLessThan(8_000);
    } finally {
      await calls().setRingTimeout('1002', 30);
    }
  }, 40_000);

  it('caller cancels: after 180 the caller CANCELs, gets 487, the callee gets a CANCEL, the record says cancelled', async () => {
    const { uac, uas, callId } = await call1002('uas-ring-until-cancel.xml', 'uac-cancel.xml', 15);
    expect(statusesReceived(uac.messages, 'CANCEL')).toEqual([200]);
    expect(statusesReceived(uac.messages, 'INVITE').at(-1)).toBe(487);
    expect(requestsReceived(uas.messages, 'CANCEL')).toHaveLength(1);
    expect(await calls().record(callId)).toMatchObject({ disposition: 'cancelled', answeredAt: null, hangupSide: 'caller' });
  }, 30_000);
});
