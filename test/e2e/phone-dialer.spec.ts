import { expect, test, type Page } from '@playwright/test';
import { dial, openBrowserPhone, phoneStatus, screenshot, type BrowserPhone } from '../support/phone/browser-phone';
import { PhoneOffice } from '../support/phone/phone-office';

// The dialer as a person uses it, against a real engine: the browser phone
// registers over SIP-over-WebSocket; typing dials, searches the office
// directory and the contacts; a call to someone who is not there says why;
// contacts are added, found, changed and removed; audio devices are remembered.

const ALICE = { number: '1001', name: 'Alice Adams', password: 'alice-pass-1001' };
const BOB = { number: '1002', name: 'Bob Brown', password: 'bob-pass-10022' };
const CAROL = { number: '1003', name: 'Carol Díaz', password: 'carol-pass-1003' };

let office: PhoneOffice;
let alice: BrowserPhone;

test.beforeAll(async ({ browser }) => {
  office = await PhoneOffice.start([ALICE, BOB, CAROL]);
  alice = await openBrowserPhone(browser, office.url, ALICE);
});

test.afterAll(async () => {
  await alice?.close();
  await office?.stop();
});

const dialField = (page: Page) => page.getByLabel('Number, extension or SIP address');
const results = (page: Page) => page.getByRole('listbox', { name: 'Matching people' }).getByRole('option');

test('the phone registers and says so in the Phone view and the status bar', async () => {
  const { page } = alice;
  await expect(phoneStatus(page)).toHaveText('Phone ready · 1001');
  await expect(page.getByTestId('phone-status-compact')).toHaveText('Phone ready · 1001');
  // The engine sees the registration: the directory shows Alice available to everyone.
  await expect.poll(async () => (await office.admin.call('directory.list', {})).find((e) => e.number === ALICE.number)?.presence).toBe('available');
});

test('contacts: add, search, edit and remove personal contacts; call from the list', async () => {
  const { page } = alice;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByRole('list', { name: 'Office' }).getByTestId('contact-row')).toHaveCount(3);
  await expect(page.getByText('No contacts yet.')).toBeVisible();

  for (const contact of [
    { name: 'Zoë Quinn', number: '+44 20 7946 0000', company: 'Acme' },
    { name: 'Yusuf Ramos', number: '555 0199', company: '' },
  ]) {
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Name').fill(contact.name);
    await page.getByLabel('Number').fill(contact.number);
    await page.getByLabel('Company').fill(contact.company);
    await page.getByRole('button', { name: 'Add contact' }).last().click();
    await expect(page.getByRole('list', { name: 'Contacts' })).toContainText(contact.name);
  }
  // A number the engine refuses: its message shows at the field.
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Name').fill('Nobody');
  await page.getByLabel('Number').fill('call me maybe');
  await page.getByRole('button', { name: 'Add contact' }).last().click();
  await expect(page.getByText('Use digits (with + for international), or a sip: address.')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Search: by a name without its accent, by digits of a formatted number.
  const search = page.getByLabel('Search contacts');
  await search.fill('zoe');
  await expect(page.getByRole('list', { name: 'Contacts' }).getByTestId('contact-row')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Contacts' }).locator('mark')).toHaveText('Zoë');
  await search.fill('7946');
  await expect(page.getByRole('list', { name: 'Contacts' }).locator('mark')).toHaveText('7946');
  await search.fill('díaz');
  await expect(page.getByRole('list', { name: 'Office' }).getByTestId('contact-row')).toHaveText(/Carol Díaz/);
  await search.fill('');

  // Edit, then remove (with a confirmation).
  await page.getByRole('button', { name: 'Edit Yusuf Ramos' }).click();
  await page.getByLabel('Company').fill('Ramos Plumbing');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Contacts' })).toContainText('Personal · Ramos Plumbing');
  await page.getByRole('button', { name: 'Remove Yusuf Ramos' }).click();
  await page.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(page.getByRole('list', { name: 'Contacts' }).getByTestId('contact-row')).toHaveCount(1);
  expect((await office.admin.call('contacts.list', {})).map((c) => c.name)).not.toContain('Yusuf Ramos');
  await screenshot(page, 'contacts', { dark: true });

  // Call from the list: Bob has no phone registered, so the Phone view opens on the call and says why it failed.
  await page.getByRole('button', { name: 'Call Bob Brown' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Phone' })).toBeVisible();
  await expect(page.getByTestId('call-name')).toHaveText('Bob Brown');
  await expect(page.getByTestId('call-state')).toContainText('Not available right now (480');
});

test('keyboard dialling, search as you type with highlighted matches, arrow keys and Enter', async () => {
  const { page } = alice;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Phone' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phone' }).click();

  // Digits typed anywhere in the view go to the dialer; Backspace deletes; Escape clears.
  await page.keyboard.type('1002');
  await expect(dialField(page)).toHaveValue('1002');
  await expect(page.getByTestId('dial-preview')).toHaveText('Extension 1002');
  await page.keyboard.press('Backspace');
  await expect(dialField(page)).toHaveValue('100');
  await expect(results(page)).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(dialField(page)).toHaveValue('');

  // Names match at any word, accents ignored; the matched part is marked.
  await dialField(page).fill('bro');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first().locator('mark')).toHaveText('Bro');
  await dialField(page).fill('diaz');
  await expect(results(page).first()).toContainText('Carol Díaz');
  await expect(results(page).first().locator('mark')).toHaveText('Díaz');
  // Digits match numbers, formatting ignored: the contact's +44 20 7946 0000.
  await dialField(page).fill('79460');
  await expect(results(page).first()).toContainText('Zoë Quinn');
  await expect(results(page).first().locator('mark')).toHaveText('7946 0');
  await dialField(page).fill('a');
  await expect(results(page)).toHaveCount(2);
  await expect(results(page).first()).toContainText('Alice Adams');
  await screenshot(page, 'dialer', { dark: true });

  // ↓ ↓ picks the second match; Enter calls it (Carol: not registered, so the call fails and says so).
  await dialField(page).press('ArrowDown');
  await dialField(page).press('ArrowDown');
  await expect(results(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  const picked = (await results(page).nth(1).locator('.search-name').textContent()) ?? '';
  await dialField(page).press('Enter');
  await expect(page.getByTestId('call-name')).toHaveText(picked);
  await expect(dialField(page)).toHaveValue('');
  await expect(page.getByTestId('call-state')).toContainText(/Not available right now|Number not found/);

  // A sip: address is dialled as typed; something that is no address is refused before any call.
  await dial(page, 'sip:1003@127.0.0.1');
  await expect(page.getByTestId('call-name')).toHaveText('Carol Díaz');
  await dial(page, 'hello there');
  await expect(page.getByRole('alert')).toHaveText('“hello there” is not a number or SIP address.');
});

test('audio device choices are remembered across a reload', async () => {
  const { page } = alice;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const microphone = page.getByLabel('Microphone');
  const speaker = page.getByLabel('Speaker');
  const ringer = page.getByLabel('Ringer');
  // Chromium's fake devices: more than the default, with names (the microphone is allowed).
  await expect(microphone.locator('option')).not.toHaveCount(1);
  const micOptions = await microphone.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  const speakerOptions = await speaker.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  const chosenMic = micOptions.at(-1) as string;
  await microphone.selectOption(chosenMic);
  if (speakerOptions.length > 1) await ringer.selectOption(speakerOptions.at(-1) as string);

  await page.reload();
  await expect(phoneStatus(page).or(page.getByRole('heading', { level: 1, name: 'Settings' }))).toBeVisible();
  await expect(page.getByLabel('Microphone')).toHaveValue(chosenMic);
  if (speakerOptions.length > 1) await expect(page.getByLabel('Ringer')).toHaveValue(speakerOptions.at(-1) as string);
  await expect(page.getByLabel('Speaker')).toHaveValue('');
  const stored = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('dialtone.audioDevices'));
  expect(JSON.parse(stored ?? '{}').microphone.deviceId).toBe(chosenMic);
  await screenshot(page, 'settings-devices');
});
