import { expect, test } from '@playwright/test';
import { openBrowserPhone, phoneStatus, screenshot, sentRequests, statusBarPhone, type BrowserPhone } from '../support/phone/browser-phone';
import { PhoneOffice } from '../support/phone/phone-office';
import { sipSocketUrls } from '../support/phone/sip-sockets';

// The browser phone keeps itself registered, with nobody pressing anything:
// the engine restarts, the network goes and comes back, the computer sleeps.

const ALICE = { number: '1001', name: 'Alice Adams', password: 'alice-pass-1001' };
const BOB = { number: '1002', name: 'Bob Brown', password: 'bob-pass-10022' };

let office: PhoneOffice;
let alice: BrowserPhone;

test.beforeAll(async ({ browser }) => {
  office = await PhoneOffice.start([ALICE, BOB]);
  alice = await openBrowserPhone(browser, office.url, ALICE);
});

test.afterAll(async () => {
  await alice?.close();
  await office?.stop();
});

const presenceOf = async (number: string) => (await office.admin.call('directory.list', {})).find((e) => e.number === number)?.presence;

test('after an engine restart the phone registers again by itself, and says what it is doing meanwhile', async () => {
  const { page } = alice;
  await expect(phoneStatus(page)).toHaveText('Phone ready · 1001');

  await office.restart(async () => {
    // Down: the phone says it lost the engine and when it tries again.
    await expect(phoneStatus(page)).toContainText(/reconnecting in \d+ s|Connecting 1001…/);
    await expect(statusBarPhone(page)).not.toHaveText('Phone ready · 1001');
    await screenshot(page, 'phone-reconnecting');
  });
  const engineReady = Date.now();
  await expect(phoneStatus(page)).toHaveText('Phone ready · 1001', { timeout: 30_000 });
  const tookMs = Date.now() - engineReady;
  console.log(`phone re-registered ${tookMs} ms after the restarted engine was ready`);
  // The new engine process has the binding: Alice shows as available to everyone.
  await expect.poll(() => presenceOf(ALICE.number)).toBe('available');
  // The new connection carried a new token: the phone asked phone.connection again before reconnecting.
  const tokens = (await sipSocketUrls(page)).map((url) => new URL(url).searchParams.get('token'));
  expect(tokens.length).toBeGreaterThan(1);
  expect(tokens.at(-1)).not.toBe(tokens[0]);
  // The phone's backoff starts near a second and the engine's bridge coming back nudges it: far under its 30 s cap.
  expect(tookMs).toBeLessThan(10_000);
});

test('without a network the phone says so and does not knock; when the network returns it registers again', async () => {
  const { page, context } = alice;
  await context.setOffline(true);
  // The engine restarts while this computer is offline: the connection is lost and cannot be made again.
  await office.restart(async () => {
    await expect(phoneStatus(page)).toHaveText('No network — the phone reconnects when it is back');
  });
  const registers = sentRequests(alice.sip, 'REGISTER').length;
  // The engine is back but the network is not: the phone waits instead of spinning.
  await page.waitForTimeout(2_000);
  await expect(phoneStatus(page)).toHaveText('No network — the phone reconnects when it is back');
  expect(sentRequests(alice.sip, 'REGISTER')).toHaveLength(registers);

  await context.setOffline(false);
  const online = Date.now();
  await expect(phoneStatus(page)).toHaveText('Phone ready · 1001', { timeout: 20_000 });
  console.log(`phone registered ${Date.now() - online} ms after the network came back`);
  await expect.poll(() => presenceOf(ALICE.number)).toBe('available');
});

test('waking from sleep (the wall clock jumps ahead of the timers), the phone checks its registration at once', async ({ browser }) => {
  // Playwright's clock stands in for the computer's: fastForward is the lid closed for two minutes and opened again.
  const bob = await openBrowserPhone(browser, office.url, BOB, { beforeLoad: (context) => context.clock.install() });
  try {
    await bob.page.clock.resume();
    await expect(phoneStatus(bob.page)).toHaveText('Phone ready · 1002');
    const registers = sentRequests(bob.sip, 'REGISTER').length;
    await bob.page.clock.fastForward('02:00');
    await expect.poll(() => sentRequests(bob.sip, 'REGISTER').length, { timeout: 10_000 }).toBeGreaterThan(registers);
    await expect(phoneStatus(bob.page)).toHaveText('Phone ready · 1002');
    expect(await presenceOf(BOB.number)).toBe('available');
  } finally {
    await bob.close();
  }
});
