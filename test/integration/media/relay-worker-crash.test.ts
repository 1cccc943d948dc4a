// A relay worker thread that dies: the supervisor logs it, ends that worker's
// calls through onIdle, frees their ports and starts a replacement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaRelay, WorkerErrorContext } from '../../../main/pbx/media/relay/media-relay';
import { sequenceOf } from '../../../main/pbx/media/relay/rtp-header';
import { openCall, startTestRelay, type Call } from './support/test-relay';
import { rtpPacket, sleep } from './support/udp-endpoint';

let relay: MediaRelay;
const workerErrors: Array<{ error: Error; context: WorkerErrorContext }> = [];

beforeAll(async () => {
  relay = await startTestRelay({ workers: 2, onWorkerError: (error, context) => workerErrors.push({ error, context }) });
});

afterAll(async () => {
  await relay.stop();
});

async function relaysAudio(call: Call, sequence: number): Promise<boolean> {
  const before = call.phoneB.received.length;
  await call.phoneA.send(rtpPacket({ sequence }), call.session.a.rtpPort);
  await sleep(100);
  return call.phoneB.received.slice(before).some((d) => sequenceOf(d.data) === sequence);
}

describe('relay worker supervision', () => {
  it('hangs up the calls of a terminated worker, keeps the others, and serves new sessions', async () => {
    const calls = await Promise.all(Array.from({ length: 4 }, () => openCall(relay)));
    const idle = calls.map(() => 0);
    calls.forEach((call, i) => call.session.onIdle(() => idle[i]!++));
    for (const [i, call] of calls.entries()) expect(await relaysAudio(call, i)).toBe(true);

    const [victim, survivor] = relay.workerThreads();
    expect([victim!.sessions, survivor!.sessions]).toEqual([2, 2]);
    await victim!.terminate();
    await sleep(50);

    expect(workerErrors).toHaveLength(1);
    expect(workerErrors[0]!.context).toEqual({ worker: victim!.index, sessionsClosed: 2 });
    expect(idle.filter((n) => n === 1)).toHaveLength(2);
    expect(idle.filter((n) => n === 0)).toHaveLength(2);
    // The dead worker's ports are free, the survivor's calls still relay.
    expect(relay.status()).toMatchObject({ sessions: 2, portsInUse: 8 });
    for (const [i, call] of calls.entries()) expect(await relaysAudio(call, 100 + i)).toBe(idle[i] === 0);
    // close() on a lost session resolves with what was last known.
    const lost = calls.find((_, i) => idle[i] === 1)!;
    await expect(lost.session.close()).resolves.toHaveProperty('a.packetsReceived');

    // A replacement thread takes the slot, and new sessions relay.
    const deadline = Date.now() + 5000;
    while (relay.status().workers < 2 && Date.now() < deadline) await sleep(20);
    const threads = relay.workerThreads();
    expect(threads).toHaveLength(2);
    expect(threads.map((t) => t.threadId)).not.toContain(victim!.threadId);
    const fresh = await Promise.all([openCall(relay), openCall(relay)]);
    for (const [i, call] of fresh.entries()) expect(await relaysAudio(call, 200 + i)).toBe(true);
    await Promise.all([...calls, ...fresh].map((call) => call.close()));
    expect(relay.status()).toMatchObject({ sessions: 0, portsInUse: 0 });
  });
});
