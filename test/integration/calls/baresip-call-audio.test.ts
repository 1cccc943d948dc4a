// Two real softphones (baresip 1.0) call each other through the B2BUA: each
// plays its own tone as its microphone and records what it hears, so the
// test can tell that each side heard the other, not itself or silence.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBaresipPhone, type BaresipPhone } from '../../support/calls/baresip-phone';
import { CallFixture } from '../../support/calls/call-fixture';
import { dominantFrequency, rms } from '../../support/calls/tone-analysis';
import { readWav, tone, writeWav } from '../../support/calls/wav-file';
import { waitUntil } from '../../support/peers/wait-until';

const PASSWORDS = { '1001': 'baresip-1001-pw', '1002': 'baresip-1002-pw' } as const;
type Number = keyof typeof PASSWORDS;
/** Each phone's microphone: a tone of its own, longer than any call here. */
const TONE_HZ: Record<Number, number> = { '1001': 1000, '1002': 1500 };
const TALK_MS = 3_000;

let calls: CallFixture;
const phones = new Map<Number, BaresipPhone>();

beforeAll(async () => {
  calls = await CallFixture.start(PASSWORDS);
  for (const number of Object.keys(PASSWORDS) as Number[]) {
    const dir = calls.makeDir(`baresip-${number}`);
    const sourceWav = join(dir, 'microphone.wav');
    writeWav(sourceWav, tone(TONE_HZ[number], 20, 8000));
    const phone = await startBaresipPhone({ dir, user: number, password: PASSWORDS[number], registrar: calls.sip, sourceWav });
    phones.set(number, phone);
    await phone.process.waitFor(new RegExp(`${number}@127\\.0\\.0\\.1[^\\n]*200 OK`), 10_000);
  }
}, 40_000);

afterAll(async () => {
  await Promise.all([...phones.values()].map((phone) => phone.stop()));
  await calls?.stop();
});

function phone(number: Number): BaresipPhone {
  return phones.get(number) as BaresipPhone;
}

/** What a phone heard in its latest call: the newest decoded-audio recording. */
async function heard(number: Number, before: ReadonlySet<string>) {
  const file = await waitUntil(`${number}'s recording of the call`, () => phone(number).recordings().find((f) => f.endsWith('-dec.wav') && !before.has(f)), 5_000);
  // sndfile finishes the WAV header when the call is torn down.
  return waitUntil(`${number}'s recording to hold the call`, () => {
    const pcm = readWav(file);
    return pcm.samples.length >= 0.5 * 8 * TALK_MS ? pcm : undefined;
  }, 5_000);
}

describe('baresip calls baresip through Dialtone', () => {
  it.each([
    ['1001', '1002'],
    ['1002', '1001'],
  ] as const)('%s dials %s, which answers by itself; each hears the other’s tone; the record is answered with packets both ways', async (from, to) => {
    const before = new Set([...phone(from).recordings(), ...phone(to).recordings()]);
    for (const p of phones.values()) p.control.clearEvents();

    await phone(from).control.command('dial', `sip:${to}@${calls.sip.host}:${calls.sip.port}`);
    await Promise.all([phone(from).control.waitForEvent('CALL_ESTABLISHED', 10_000), phone(to).control.waitForEvent('CALL_ESTABLISHED', 10_000)]);
    await sleep(TALK_MS);
    await phone(from).control.command('hangup');
    await Promise.all([phone(from).control.waitForEvent('CALL_CLOSED', 5_000), phone(to).control.waitForEvent('CALL_CLOSED', 5_000)]);

    for (const [listener, speaker] of [
      [to, from],
      [from, to],
    ] as const) {
      const pcm = await heard(listener, before);
      // The tone was played at 0.3 of full scale (RMS about 0.21); silence or noise is far below.
      expect(rms(pcm.samples), `${listener} hears ${speaker}`).toBeGreaterThan(0.1);
      expect(Math.abs(dominantFrequency(pcm.samples, pcm.sampleRate) - TONE_HZ[speaker]), `${listener} hears ${speaker}'s ${TONE_HZ[speaker]} Hz`).toBeLessThanOrEqual(20);
    }

    const record = await calls.record((r) => r.caller === from && r.callee === to);
    expect(record).toMatchObject({ disposition: 'answered', hangupSide: 'caller' });
    // 20 ms packets for about TALK_MS: well over half of them, each way, on each leg.
    const most = (0.5 * TALK_MS) / 20;
    for (const leg of [record.callerLeg, record.calleeLeg]) {
      expect(leg.packetsReceived).toBeGreaterThan(most);
      expect(leg.packetsSent).toBeGreaterThan(most);
      expect(leg.packetsLost).toBe(0);
    }
  }, 30_000);
});
