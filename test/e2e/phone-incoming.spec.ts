import { expect, test } from '@playwright/test';
import type { BaresipPhone } from '../support/calls/baresip-phone';
import { openBrowserPhone, screenshot, type BrowserPhone } from '../support/phone/browser-phone';
import { startSipPhone } from '../support/phone/sip-phone';
import { PhoneOffice } from '../support/phone/phone-office';

// A real SIP phone (baresip over UDP) calls the browser's extension through
// the engine: the incoming-call screen shows over whatever view is open,
// names the caller from the office directory, and takes the keyboard.

const ALICE = { number: '1001', name: 'Alice Adams', password: 'alice-pass-1001' };
const DOOR = { number: '1004', name: 'Front Door', password: 'front-door-1004' };

let office: PhoneOffice;
let alice: BrowserPhone;
let door: BaresipPhone;

test.beforeAll(async ({ browser }) => {
  office = await PhoneOffice.start([ALICE, DOOR]);
  door = await startSipPhone(office, DOOR, 1000);
  alice = await openBrowserPhone(browser, office.url, ALICE, { view: 'history' });
});

test.afterAll(async () => {
  await door?.stop();
  await alice?.close();
  await office?.stop();
});

/** The door phone dials Alice. */
async function doorCalls(): Promise<void> {
  door.control.clearEvents();
  await door.control.command('dial', `sip:${ALICE.number}@127.0.0.1:${await office.sipPort()}`);
}

test('the incoming-call screen names the caller over any view; Tab stays in it; Escape declines with 603', async () => {
  const { page } = alice;
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await doorCalls();

  const dialog = page.getByRole('alertdialog', { name: 'Front Door' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Incoming call');
  await expect(dialog).toContainText('1004');
  await expect(page).toHaveTitle('Call from Front Door — Dialtone');
  // Focus starts on Answer; Tab goes to Decline and back, never out of the dialog.
  await expect(dialog.getByRole('button', { name: /Answer/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: /Decline/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: /Answer/ })).toBeFocused();
  await screenshot(page, 'incoming-call', { dark: true });

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The engine passes the browser's 603 on to the calling phone.
  await door.process.waitFor(/603 Decline/, 5_000);
  await door.control.waitForEvent('CALL_CLOSED', 5_000);
  await expect(page).toHaveTitle('Dialtone');
  await expect.poll(async () => (await office.admin.call('calls.history', { limit: 1 }))[0]?.disposition).toBe('declined');
});

test('a caller who gives up: the screen goes away, and Recent calls shows the call as missed', async () => {
  const { page } = alice;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Phone' }).click();
  await doorCalls();
  const dialog = page.getByRole('alertdialog', { name: 'Front Door' });
  await expect(dialog).toBeVisible();
  // The door phone gives up while Alice's rings: a CANCEL.
  await door.control.command('hangup');
  await expect(dialog).toHaveCount(0);
  await door.control.waitForEvent('CALL_CLOSED', 5_000);

  const recent = page.getByRole('list', { name: 'Recent calls' }).getByTestId('recent-call');
  await expect(recent.first()).toContainText('Front Door');
  await expect(recent.first()).toContainText('Missed');
  await expect(recent.nth(1)).toContainText('Declined');
  await expect.poll(async () => (await office.admin.call('calls.history', { limit: 1 }))[0]?.disposition).toBe('cancelled');
});

test('in the background, an incoming call also raises a system notification', async () => {
  const { page, context } = alice;
  // Test instrumentation: keep the notifications the page shows.
  await page.evaluate(() => {
    const scope = globalThis as unknown as { Notification: new (title: string, options: { body: string }) => object; shown: string[] };
    const Native = scope.Notification;
    scope.shown = [];
    scope.Notification = class extends Native {
      static get permission() {
        return 'granted';
      }
      constructor(title: string, options: { body: string }) {
        super(title, options);
        scope.shown.push(`${title} | ${options.body}`);
      }
    };
  });
  // Playwright tells every page it has the focus; let this one lose it to another tab, as a person switching tabs does.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const other = await context.newPage();
  await other.bringToFront();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { hasFocus(): boolean } }).document.hasFocus())).toBe(false);

  await doorCalls();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { shown: string[] }).shown)).toEqual(['Call from Front Door | 1004']);
  await page.bringToFront();
  await other.close();
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await page.getByRole('alertdialog', { name: 'Front Door' }).getByRole('button', { name: /Decline/ }).click();
  await door.control.waitForEvent('CALL_CLOSED', 5_000);
});
