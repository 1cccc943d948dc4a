// One extension on a browser (WebSocket contact) and on a SIP phone (UDP)
// at once: each fork gets the offer of its kind, both for the same relay leg
// and port; the device that answers decides whether that leg is WebRTC.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { CallFixture } from '../../support/calls/call-fixture';
import { bodyOf, requestsReceived } from '../../support/calls/sipp-message-log';
import { waitUntil } from '../../support/peers/wait-until';
import { BrowserPhones, type BrowserPhone } from './support/browser-phone';

const PASSWORDS = { '1002': 'sipp-caller-pw', '1003': 'two-devices-pw' };
let calls: CallFixture;
let phones: BrowserPhones;
let browser: BrowserPhone | undefined;

beforeAll(async () => {
  calls = await CallFixture.start(PASSWORDS);
  phones = await BrowserPhones.start();
}, 60_000);
afterEach(async () => {
  await browser?.page.context().close();
  browser = undefined;
  await calls.cleanUp();
});
afterAll(async () => {
  await phones?.stop();
  await calls?.stop();
});

const mLine = (sdp: string) => /^m=audio (\d+) (\S+)/m.exec(sdp)?.slice(1);

it('the SIP phone answers first: the browser got a WebRTC offer for the same port, leg B stays plain RTP, audio flows', async () => {
  browser = await phones.open('1003', PASSWORDS['1003'], calls.engine.httpPort);
  const desk = await calls.startCallee('1003', { scenario: 'uas-answer.xml', rtpEcho: true, pauseMs: 300, timeoutSeconds: 40 });
  const caller = await calls.startCaller('1002', { scenario: 'uac-call-audio.xml', service: '1003', timeoutSeconds: 40 });
  const toBrowser = await browser.offerReceived();
  const [uac, uas] = await Promise.all([caller.result(), desk.result()]);
  expect(uac.code, uac.errors || uac.output).toBe(0);
  expect(uas.code, uas.errors || uas.output).toBe(0);
  const toDesk = bodyOf(requestsReceived(uas.messages, 'INVITE')[0]!);
  const [deskPort, deskProfile] = mLine(toDesk)!;
  const [browserPort, browserProfile] = mLine(toBrowser)!;
  expect([deskProfile, browserProfile]).toEqual(['RTP/AVP', 'UDP/TLS/RTP/SAVPF']);
  expect(browserPort).toBe(deskPort);
  expect(toBrowser).toMatch(/^a=setup:actpass/m);
  expect(toDesk).not.toMatch(/ice-ufrag|fingerprint/);
  // The echo came back to the caller through a plain leg B.
  const record = await calls.record(caller.callId);
  expect(record).toMatchObject({ disposition: 'answered', codec: 'PCMA/8000' });
  expect(record.calleeLeg.packetsReceived).toBeGreaterThan(100);
  expect(record.callerLeg.packetsSent).toBeGreaterThan(100);
}, 60_000);

it('the browser answers first: the SIP phone is cancelled, leg B becomes WebRTC, and the browser hears the caller', async () => {
  browser = await phones.open('1003', PASSWORDS['1003'], calls.engine.httpPort);
  await browser.answerIncoming();
  const desk = await calls.startCallee('1003', { scenario: 'uas-ring-until-cancel.xml', timeoutSeconds: 40 });
  const caller = await calls.startCaller('1002', { scenario: 'uac-call-audio.xml', service: '1003', timeoutSeconds: 40 });
  await browser.answered();
  const uas = await desk.result();
  expect(uas.code, uas.errors || uas.output).toBe(0);
  const heard = await waitUntil('the browser hearing the caller', async () => {
    const stats = await browser!.stats();
    return stats.packetsReceived > 100 && stats.totalAudioEnergy > 0 ? stats : undefined;
  }, 15_000, 200);
  expect(heard.codec).toBe('audio/PCMA');
  const uac = await caller.result();
  expect(uac.code, uac.errors || uac.output).toBe(0);
  const record = await calls.record(caller.callId);
  expect(record.calleeLeg.packetsSent).toBeGreaterThan(100);
}, 60_000);
