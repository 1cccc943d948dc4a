import { expect, test, type Page } from '@playwright/test';
import { dial, openBrowserPhone, phoneStatus, screenshot, sentRequests, sentResponses, type BrowserPhone } from '../support/phone/browser-phone';
import { expectAudioArriving, expectNoAudioArriving, expectSilenceArriving } from '../support/phone/peer-connections';
import { PhoneOffice } from '../support/phone/phone-office';
import { dropSipConnection } from '../support/phone/sip-sockets';

// Browser phones call each other through Dialtone: WebRTC (ICE, DTLS-SRTP)
// from each browser to the engine, relayed in between. Chromium's fake
// microphone beeps, so sound has energy; getStats says what arrived.
// Needs the engine's WebRTC media leg: until it is there, the engine answers
// a browser's INVITE with 488 and every test here fails at the first call.

const ALICE = { number: '1001', name: 'Alice Adams', password: 'alice-pass-1001' };
const BOB = { number: '1002', name: 'Bob Brown', password: 'bob-pass-10022' };
const CAROL = { number: '1003', name: 'Carol Díaz', password: 'carol-pass-1003' };

let office: PhoneOffice;
let alice: BrowserPhone;
let bob: BrowserPhone;
let carol: BrowserPhone;

test.beforeAll(async ({ browser }) => {
  office = await PhoneOffice.start([ALICE, BOB, CAROL]);
  alice = await openBrowserPhone(browser, office.url, ALICE);
  bob = await openBrowserPhone(browser, office.url, BOB);
  carol = await openBrowserPhone(browser, office.url, CAROL);
});

test.afterAll(async () => {
  for (const phone of [alice, bob, carol]) await phone?.close();
  await office?.stop();
});

test.afterEach(async () => {
  // Whatever a failed test left: hang up everything, so the next starts clean.
  for (const phone of [alice, bob, carol]) {
    const buttons = await phone.page.getByRole('button', { name: /^Hang up/ }).all().catch(() => []);
    for (const button of buttons) await button.click({ timeout: 2_000 }).catch(() => undefined);
  }
});

const callState = (page: Page) => page.getByTestId('call-state');
const incoming = (page: Page) => page.getByRole('alertdialog');
const control = (page: Page, name: string) => page.getByRole('group', { name: 'Call controls' }).getByRole('button', { name, exact: true });

/** `from` dials `to`; `to` answers with the keyboard; both show the call connected. */
async function connect(from: BrowserPhone, to: BrowserPhone): Promise<void> {
  await dial(from.page, to.extension.number);
  await expect(incoming(to.page)).toBeVisible();
  await expect(incoming(to.page)).toContainText(from.extension.name);
  await to.page.keyboard.press('Enter');
  await expect(callState(from.page)).toHaveText('Connected');
  await expect(callState(to.page)).toHaveText('Connected');
}

test('two browser phones call each other with audio both ways; mute; hold and resume; hang up', async () => {
  await connect(alice, bob);
  await expect(alice.page.getByTestId('call-name')).toHaveText('Bob Brown');
  await expect(alice.page.getByTestId('call-timer')).toHaveText(/^0:0[1-9]$/, { timeout: 5_000 });
  await screenshot(alice.page, 'active-call', { dark: true });
  await expectAudioArriving(alice.page, 'Alice');
  await expectAudioArriving(bob.page, 'Bob');

  // Mute: Alice's microphone track is disabled; Bob still gets packets, but silence.
  await control(alice.page, 'Mute').click();
  await expect(control(alice.page, 'Unmute')).toHaveAttribute('aria-pressed', 'true');
  await expectSilenceArriving(bob.page, 'Bob');
  await control(alice.page, 'Unmute').click();
  await expectAudioArriving(bob.page, 'Bob');

  // Hold: a re-INVITE with a=sendonly; Bob sees it and stops sending; Resume brings the audio back.
  await control(alice.page, 'Hold').click();
  await expect(callState(alice.page)).toHaveText('On hold');
  await expect(callState(bob.page)).toHaveText('On hold by the other side');
  expect(sentRequests(alice.sip, 'INVITE').at(-1)).toMatch(/^a=sendonly\r?$/m);
  await expectNoAudioArriving(alice.page, 'Alice on hold');
  await screenshot(alice.page, 'held-call');
  await control(alice.page, 'Resume').click();
  await expect(callState(alice.page)).toHaveText('Connected');
  await expect(callState(bob.page)).toHaveText('Connected');
  expect(sentRequests(alice.sip, 'INVITE').at(-1)).toMatch(/^a=sendrecv\r?$/m);
  await expectAudioArriving(alice.page, 'Alice');

  // Bob hangs up from the keyboard (Escape with an empty dialer): both calls end, the record has media both ways.
  await bob.page.getByRole('heading', { level: 1, name: 'Phone' }).click();
  await bob.page.keyboard.press('Escape');
  await expect(callState(alice.page)).toHaveText('The other side hung up');
  await expect(callState(bob.page)).toHaveText('You hung up');
  await expect.poll(() => sentResponses(alice.sip, 'BYE').at(-1)).toBe(200);
  const [record] = await office.admin.call('calls.history', { limit: 1 });
  expect(record).toMatchObject({ caller: ALICE.number, callee: BOB.number, disposition: 'answered', hangupSide: 'callee' });
  expect(record!.callerLeg.packetsReceived).toBeGreaterThan(100);
  expect(record!.calleeLeg.packetsReceived).toBeGreaterThan(100);
});

test('call waiting: a second call rings while in one; answering holds the first; Swap switches between them', async () => {
  await connect(alice, bob);
  await dial(carol.page, ALICE.number);
  await expect(incoming(alice.page)).toContainText('Another call is waiting');
  await expect(incoming(alice.page)).toContainText('Carol Díaz');
  await alice.page.keyboard.press('Enter');
  await expect(callState(bob.page)).toHaveText('On hold by the other side');
  await expect(callState(carol.page)).toHaveText('Connected');
  await expect(callState(alice.page)).toHaveText('Connected');
  await expect(alice.page.getByTestId('call-name')).toHaveText('Carol Díaz');
  const calls = alice.page.getByRole('list', { name: 'Calls in progress' }).getByTestId('phone-call');
  await expect(calls).toHaveCount(2);
  await screenshot(alice.page, 'two-calls');

  // Swap: Bob back, Carol on hold.
  await calls.filter({ hasText: 'Bob Brown' }).getByRole('button', { name: 'Swap' }).click();
  await expect(alice.page.getByTestId('call-name')).toHaveText('Bob Brown');
  await expect(callState(bob.page)).toHaveText('Connected');
  await expect(callState(carol.page)).toHaveText('On hold by the other side');
  // Pages live across tests: Bob's call is this test's first connection, the one before Carol's (the last).
  await expectAudioArriving(alice.page, 'Alice (from Bob)', -2);

  await alice.page.getByRole('button', { name: 'Hang up Carol Díaz' }).click();
  await expect(callState(carol.page)).toHaveText('The other side hung up');
  await control(alice.page, 'Hang up').click();
  await expect(callState(bob.page)).toHaveText('The other side hung up');
});

test('blind transfer: Bob transfers Alice to Carol; Carol rings and answers; Alice and Carol talk', async () => {
  await connect(alice, bob);
  await control(bob.page, 'Transfer').click();
  await bob.page.getByLabel('Transfer to').fill(CAROL.number);
  await bob.page.getByLabel('Transfer to').press('Enter');
  await expect(incoming(carol.page)).toBeVisible();
  await expect(bob.page.getByTestId('transfer-progress')).toContainText(/ringing|accepted/);
  await carol.page.keyboard.press('Enter');

  await expect(callState(bob.page)).toHaveText('Transferred to 1003');
  await expect(callState(carol.page)).toHaveText('Connected');
  await expect(callState(alice.page)).toHaveText('Connected');
  expect(sentRequests(bob.sip, 'REFER').at(-1)).toMatch(/^Refer-To: <?sip:1003@/m);
  await expectAudioArriving(carol.page, 'Carol (from Alice)');
  await expectAudioArriving(alice.page, 'Alice (from Carol)');
  await control(carol.page, 'Hang up').click();
  await expect(callState(alice.page)).toHaveText('The other side hung up');
});

test('attended transfer: Alice consults Carol, then connects Bob with Carol; her calls end and they hear each other', async () => {
  await connect(alice, bob);
  await connect(alice, carol);
  await expect(callState(bob.page)).toHaveText('On hold by the other side');
  await control(alice.page, 'Transfer').click();
  await screenshot(alice.page, 'attended-transfer');
  await alice.page.getByRole('button', { name: 'Connect with Bob Brown' }).click();
  const refer = () => sentRequests(alice.sip, 'REFER').at(-1) ?? '';
  await expect.poll(refer).toMatch(/^Refer-To: .*\?Replaces=/m);

  // The engine joins Bob and Carol itself: Bob's browser is re-INVITEd onto Carol's call (an ICE restart, the same
  // DTLS session), Carol is taken off hold, and Alice's two calls end.
  await expect(alice.page.getByRole('button', { name: /^Hang up/ })).toHaveCount(0);
  await expect(callState(bob.page)).toHaveText('Connected');
  await expect(callState(carol.page)).toHaveText('Connected');
  await expectAudioArriving(bob.page, 'Bob (from Carol)');
  await expectAudioArriving(carol.page, 'Carol (from Bob)');
  await control(bob.page, 'Hang up').click();
  await expect(callState(carol.page)).toHaveText('The other side hung up');
});

test('a short WebSocket drop does not end a call: the phone reconnects, registers, and moves the call to the new connection', async () => {
  await connect(alice, bob);
  const reInvites = sentRequests(alice.sip, 'INVITE').length;
  await dropSipConnection(alice.page);
  await expect(phoneStatus(alice.page)).not.toHaveText('Phone ready · 1001');
  await expect(phoneStatus(alice.page)).toHaveText('Phone ready · 1001', { timeout: 15_000 });
  // The call stayed up on both sides, and its media never depended on the signalling socket.
  await expect(callState(alice.page)).toHaveText('Connected');
  await expect(callState(bob.page)).toHaveText('Connected');
  // A re-INVITE on the new connection tells the engine where Alice is now (a target refresh).
  await expect.poll(() => sentRequests(alice.sip, 'INVITE').length).toBeGreaterThan(reInvites);
  await expectAudioArriving(alice.page, 'Alice');
  // Bob hangs up: the engine's BYE reaches Alice over the new connection.
  await control(bob.page, 'Hang up').click();
  await expect(callState(alice.page)).toHaveText('The other side hung up');
});
