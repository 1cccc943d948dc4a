// Who ends an answered call: the callee's BYE ends the caller's side too,
// and the engine ends a call in which nobody sends media (mediaTimeoutSeconds),
// with a BYE to each side.
import { expect, it } from 'vitest';
import { useCallFixture } from '../../support/calls/use-call-fixture';
import { requestsReceived, statusesReceived } from '../../support/calls/sipp-message-log';

const calls = useCallFixture({ '1001': 'caller-password', '1002': 'callee-password' });

it('the callee hangs up: its BYE is answered and the caller gets a BYE; the record says the callee ended it', async () => {
  const callee = await calls().startCallee('1002', { scenario: 'uas-answer-then-bye.xml', pauseMs: 1_000, timeoutSeconds: 15 });
  // The caller's scenario passes only if a BYE comes to it.
  const caller = await calls().startCaller('1001', { scenario: 'uac-call-until-bye.xml', service: '1002', timeoutSeconds: 15 });

  const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  expect(statusesReceived(uas.messages, 'BYE')).toEqual([200]);
  expect(requestsReceived(uac.messages, 'BYE')).toHaveLength(1);
  expect(await calls().record(caller.callId)).toMatchObject({ disposition: 'answered', hangupSide: 'callee' });
}, 30_000);

it('hangs up a silent call after the mediaTimeoutSeconds the administrator set, with a BYE to each side', async () => {
  await calls().setMediaTimeout(5);
  // Neither scenario sends media; each passes only if the engine's BYE comes.
  const callee = await calls().startCallee('1002', { scenario: 'uas-answer.xml', timeoutSeconds: 20 });
  const caller = await calls().startCaller('1001', { scenario: 'uac-call-until-bye.xml', service: '1002', timeoutSeconds: 20 });

  const [uac, uas] = await Promise.all([caller.result(), callee.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  const record = await calls().record(caller.callId);
  expect(record).toMatchObject({ disposition: 'answered', hangupSide: 'system', hangupCause: 'no media for 5 s' });
  // The relay checks for silence about once a second.
  expect(record.durationMs).toBeGreaterThanOrEqual(4_900);
  expect(record.durationMs).toBeLessThan(7_500);
}, 40_000);
