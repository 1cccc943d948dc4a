import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import type { CallRecord } from '../../shared/call-records';
import type { BaresipPhone } from '../support/calls/baresip-phone';
import { RtpEndpoint, telephoneEvent, type RtpPacket } from '../support/calls/rtp-endpoint';
import { dominantFrequency, rms } from '../support/calls/tone-analysis';
import { readWav, tone, writeWav } from '../support/calls/wav-file';
import { waitUntil } from '../support/peers/wait-until';
import { dial, launchWithMicrophone, openBrowserPhone, sentRequests, type BrowserPhone } from '../support/phone/browser-phone';
import { expectAudioArriving } from '../support/phone/peer-connections';
import { PhoneOffice } from '../support/phone/phone-office';
import { startSipPhone } from '../support/phone/sip-phone';
import { startSippCallee } from '../support/phone/sipp-callee';

// The browser phone and real SIP phones call each other through Dialtone:
// baresip (G.711 over plain RTP) both ways with audio, and a SIPp callee
// whose media port is this test's own UDP socket, to read the RFC 4733
// events the browser's keypad sends. Needs the engine's WebRTC media leg:
// until it is there, the engine answers the browser's INVITE with 488.

const ALICE = { number: '1001', name: 'Alice Adams', password: 'alice-pass-1001' };
const DESK = { number: '1004', name: 'Reception desk', password: 'reception-1004' };
const IVR = { number: '1005', name: 'Phone menu', password: 'phone-menu-1005' };
const CAROL = { number: '1006', name: 'Carol Díaz', password: 'carol-pass-1006' };
/** Each side's microphone plays its own tone, so each can be told from the other. */
const BROWSER_HZ = 1500;
const DESK_HZ = 1000;
const TALK_MS = 3_000;

let office: PhoneOffice;
let workDir: string;
let browser: Browser;
let alice: BrowserPhone;
let carol: BrowserPhone;
let desk: BaresipPhone;

test.beforeAll(async () => {
  office = await PhoneOffice.start([ALICE, DESK, IVR, CAROL]);
  workDir = mkdtempSync(join(tmpdir(), 'dialtone-phone-peers-'));
  const microphone = join(workDir, 'browser-microphone.wav');
  writeWav(microphone, tone(BROWSER_HZ, 30, 48_000));
  browser = await launchWithMicrophone(microphone);
  desk = await startSipPhone(office, DESK, DESK_HZ);
  alice = await openBrowserPhone(browser, office.url, ALICE);
  carol = await openBrowserPhone(browser, office.url, CAROL);
});

test.afterAll(async () => {
  await alice?.close();
  await carol?.close();
  await browser?.close();
  await desk?.stop();
  await office?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const callState = () => alice.page.getByTestId('call-state');

/** What the desk phone heard in its latest call (its decoded-audio recording), once the file holds the call. */
async function deskHeard(before: ReadonlySet<string>) {
  const file = await waitUntil('the desk phone’s recording', () => desk.recordings().find((f) => f.endsWith('-dec.wav') && !before.has(f)), 5_000);
  return waitUntil('the recording to hold the call', () => {
    const pcm = readWav(file);
    return pcm.samples.length >= 0.5 * 8 * TALK_MS ? pcm : undefined;
  }, 5_000);
}

async function expectDeskHeardTheBrowser(before: ReadonlySet<string>): Promise<void> {
  const pcm = await deskHeard(before);
  expect(rms(pcm.samples), 'the desk phone hears sound').toBeGreaterThan(0.02);
  expect(Math.abs(dominantFrequency(pcm.samples, pcm.sampleRate) - BROWSER_HZ), `the desk phone hears the browser's ${BROWSER_HZ} Hz`).toBeLessThanOrEqual(30);
}

test('the browser calls a SIP desk phone: audio both ways', async () => {
  const before = new Set(desk.recordings());
  desk.control.clearEvents();
  await dial(alice.page, DESK.number);
  await desk.control.waitForEvent('CALL_ESTABLISHED', 10_000);
  await expect(callState()).toHaveText('Connected');
  await expectAudioArriving(alice.page, 'the browser');
  await alice.page.waitForTimeout(TALK_MS);
  await alice.page.getByRole('group', { name: 'Call controls' }).getByRole('button', { name: 'Hang up' }).click();
  await desk.control.waitForEvent('CALL_CLOSED', 5_000);
  await expectDeskHeardTheBrowser(before);
});

test('a SIP desk phone calls the browser, which answers: audio both ways; the desk hangs up', async () => {
  const before = new Set(desk.recordings());
  desk.control.clearEvents();
  await desk.control.command('dial', `sip:${ALICE.number}@127.0.0.1:${await office.sipPort()}`);
  const ringing = alice.page.getByRole('alertdialog', { name: 'Reception desk' });
  await expect(ringing).toBeVisible();
  await ringing.getByRole('button', { name: /Answer/ }).click();
  await desk.control.waitForEvent('CALL_ESTABLISHED', 10_000);
  await expect(callState()).toHaveText('Connected');
  await expectAudioArriving(alice.page, 'the browser');
  await alice.page.waitForTimeout(TALK_MS);
  await desk.control.command('hangup');
  await expect(callState()).toHaveText('The other side hung up');
  await expectDeskHeardTheBrowser(before);
});

test('attended transfer from the browser: the desk phone (plain RTP) moves onto the call with Carol (WebRTC); Carol hears it, and media flows both ways', async () => {
  desk.control.clearEvents();
  await dial(alice.page, DESK.number);
  await desk.control.waitForEvent('CALL_ESTABLISHED', 10_000);
  await expect(callState()).toHaveText('Connected');
  // Alice consults Carol: the desk call goes on hold.
  await dial(alice.page, CAROL.number);
  await expect(carol.page.getByRole('alertdialog')).toBeVisible();
  await carol.page.keyboard.press('Enter');
  await expect(carol.page.getByTestId('call-state')).toHaveText('Connected');
  await alice.page.waitForTimeout(1_500);
  await alice.page.getByRole('group', { name: 'Call controls' }).getByRole('button', { name: 'Transfer', exact: true }).click();
  await alice.page.getByRole('button', { name: 'Connect with Reception desk' }).click();

  // Alice's calls end; the desk is re-INVITEd onto the relay leg Alice had in Carol's call.
  await expect(alice.page.getByRole('button', { name: /^Hang up/ })).toHaveCount(0);
  await expect(carol.page.getByTestId('call-state')).toHaveText('Connected');
  await expectAudioArriving(carol.page, 'Carol (from the desk)');
  await carol.page.waitForTimeout(TALK_MS);
  await carol.page.getByRole('group', { name: 'Call controls' }).getByRole('button', { name: 'Hang up' }).click();
  await desk.control.waitForEvent('CALL_CLOSED', 5_000);
  // Carol's call now has the desk on Alice's side. The relay's counters for that side: what went to the desk and came
  // from it, more than Alice's 1.5 s of consultation could account for. (baresip's recording of what it decodes stays
  // empty once a re-INVITE has moved its stream, so it cannot say what the desk heard.)
  const history = (await office.admin.call('calls.history', { limit: 5 })) as CallRecord[];
  const joined = history.find((r) => r.caller === DESK.number && r.callee === CAROL.number);
  expect(joined, JSON.stringify(history, null, 1)).toMatchObject({ disposition: 'answered', hangupSide: 'callee' });
  expect(joined!.callerLeg.packetsSent, 'packets the relay sent the desk').toBeGreaterThan(200);
  expect(joined!.callerLeg.packetsReceived, 'packets the desk sent the relay').toBeGreaterThan(200);
  // Alice's call with the desk ended as joined, without a BYE to the desk (its dialog went on in Carol's call).
  expect(history.find((r) => r.caller === ALICE.number && r.callee === DESK.number)?.hangupCause).toMatch(/attended transfer/);
});

test('keypad digits reach the far end as RFC 4733 telephone-events, never as SIP INFO', async () => {
  const media = await RtpEndpoint.open();
  try {
    // The menu's SDP names this test's socket as its media address, with telephone-event as payload type 101.
    const menu = await startSippCallee(office, IVR, { scenario: 'uas-answer.xml', keys: { rtp_port: String(media.port), telephone_event_pt: '101' } });
    await dial(alice.page, IVR.number);
    await expect(callState()).toHaveText('Connected');
    await alice.page.getByRole('group', { name: 'Call controls' }).getByRole('button', { name: 'Keypad' }).click();
    // Typed on the keyboard with the keypad open: the keys go to the call.
    for (const key of ['1', '5', '#']) {
      await alice.page.keyboard.press(key);
      await alice.page.waitForTimeout(400);
    }
    await expect(alice.page.getByTestId('dtmf-sent')).toHaveText('Sent 15#');
    const events = () => media.packets.filter((p) => p.payloadType === 101);
    // RFC 4733 §2.5.1: each digit is one event (one timestamp), ending with end-bit packets.
    await expect.poll(() => new Set(events().filter((p) => telephoneEvent(p).end).map((p) => p.timestamp)).size, { timeout: 5_000 }).toBe(3);
    const digits = [...new Map(events().map((p) => [p.timestamp, telephoneEvent(p).event])).values()];
    expect(digits).toEqual([1, 5, 11]);
    for (const timestamp of new Set(events().map((p) => p.timestamp))) {
      const ofDigit = events().filter((p: RtpPacket) => p.timestamp === timestamp);
      expect(ofDigit[0]!.marker, 'the first packet of an event has the marker bit').toBe(true);
      expect(telephoneEvent(ofDigit.at(-1)!).end, 'an event ends with the end bit').toBe(true);
    }
    expect(sentRequests(alice.sip, 'INFO')).toEqual([]);

    await alice.page.getByRole('group', { name: 'Call controls' }).getByRole('button', { name: 'Hang up' }).click();
    const result = await menu.result();
    expect(result.code, result.errors || result.output).toBe(0);
  } finally {
    await media.close();
  }
});
