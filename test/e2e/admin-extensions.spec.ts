import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, startEngine, type EngineProcess } from '../support/engine-process';
import { md5Authorization, readChallenge } from '../support/sip-digest-client';
import { ResponseInbox } from '../support/sip-test-peer';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

const token = () => randomBytes(6).toString('hex');

/** A phone on a real UDP socket; the engine's answers land in an inbox read by the test's own reader. */
interface Phone {
  socket: Socket;
  port: number;
  inbox: ResponseInbox;
}

async function openPhone(): Promise<Phone> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  const inbox = new ResponseInbox();
  socket.on('message', (data) => inbox.push(data.toString('latin1', 0, Math.max(0, data.indexOf('\r\n\r\n'))), port));
  return { socket, port, inbox };
}

/**
 * A phone's registration as it goes on the wire: REGISTER over UDP, the 401
 * challenge, and the retry with MD5 digest credentials (RFC 3261 §10.2,
 * §22.4). Resolves with the final status code.
 */
async function register(phone: Phone, sipPort: number, user: string, password: string, expires: number): Promise<number> {
  const uri = `sip:127.0.0.1:${sipPort}`;
  const callId = `${token()}@127.0.0.1`;
  const fromTag = token();
  const send = async (cseq: number, authorization?: string) => {
    const message = [
      `REGISTER ${uri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${phone.port};branch=z9hG4bK${token()};rport`,
      'Max-Forwards: 70',
      `From: <sip:${user}@127.0.0.1>;tag=${fromTag}`,
      `To: <sip:${user}@127.0.0.1>`,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} REGISTER`,
      `Contact: <sip:${user}@127.0.0.1:${phone.port};transport=udp>`,
      `Expires: ${expires}`,
      'User-Agent: Dialtone e2e desk phone',
      ...(authorization ? [`Authorization: ${authorization}`] : []),
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    const after = phone.inbox.count;
    phone.socket.send(message, sipPort, '127.0.0.1');
    return phone.inbox.final({ callId, cseq: `${cseq} REGISTER` }, after, 5000);
  };

  const challenge = await send(1);
  expect(challenge.status).toBe(401);
  const offers = challenge.headers.get('www-authenticate') ?? [];
  const md5 = offers.map(readChallenge).find((c) => c?.algorithm.toUpperCase() === 'MD5');
  if (!md5) throw new Error(`the engine offered no MD5 challenge: ${offers.join(' | ')}`);
  return (await send(2, md5Authorization(md5, user, password, 'REGISTER', uri))).status;
}

async function signIn(page: Page) {
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('engine-connection')).toHaveText('Connected to the engine');
}

async function addExtension(page: Page, number: string, name: string, password = '') {
  const form = page.getByRole('form', { name: 'Add an extension' });
  await form.getByLabel('Number').fill(number);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Password (optional)').fill(password);
  await form.getByRole('button', { name: 'Add extension' }).click();
}

/** Light and dark screenshots of the whole view: a viewport tall enough that nothing scrolls out of the picture. */
async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1200, height: 1500 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}${scheme === 'dark' ? '-dark' : ''}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1200, height: 800 });
}

/** True when the page's text contains `value`, or any input holds it. */
async function pageShows(page: Page, value: string): Promise<boolean> {
  if ((await page.locator('body').innerText()).includes(value)) return true;
  for (const input of await page.locator('input').all()) if ((await input.inputValue()) === value) return true;
  return false;
}

/** The browser's globals as the evaluated functions below use them (this file compiles without the DOM library). */
type BrowserGlobals = { loadedOnce?: boolean; navigator: { clipboard: { readText(): Promise<string> } } };

test.describe('the admin manages extensions and sees phones register live', () => {
  let engine: EngineProcess;
  let sipPort: number;
  let phone: Phone;

  test.beforeAll(async () => {
    // SIP port 0: a free port, so tests never collide on 5060.
    engine = await startEngine();
    // startEngine returns at the "Web UI:" line; the "SIP:" line may come in the next chunk.
    const sipLine = /SIP:.*UDP (\d+)/;
    await expect.poll(() => sipLine.test(engine.output()), { message: `no SIP line in:\n${engine.output()}`, timeout: 5000 }).toBe(true);
    sipPort = Number(sipLine.exec(engine.output())![1]);
    phone = await openPhone();
  });
  test.afterAll(async () => {
    phone?.socket.close();
    await engine?.stop();
  });

  test('add, refuse a duplicate, import, remove, and follow a real REGISTER live', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: engine.url });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${engine.url}/#/admin`);
    await signIn(page);
    // Set once; still there at the end proves every update below arrived without a reload.
    await page.evaluate(() => ((globalThis as unknown as BrowserGlobals).loadedOnce = true));

    await expect(page.getByText('No extensions yet — add the first one.')).toBeVisible();
    await expect(page.getByTestId('sip-ports')).toContainText(`UDP ${sipPort}`);
    await expect(page.getByTestId('registered-devices')).toHaveText('0 devices');

    // 1001 without a password: the engine generates one, shown once, with a working Copy button.
    await addExtension(page, '1001', 'Reception');
    const secrets = page.getByTestId('one-time-secrets');
    await expect(secrets).toContainText('you will not see it again');
    const generated = await secrets.getByRole('textbox', { name: 'Password for 1001' }).inputValue();
    expect(generated.length).toBeGreaterThanOrEqual(16);
    await screenshots(page, 'admin-generated-password');
    await secrets.getByRole('button', { name: 'Copy the password for 1001' }).click();
    await expect(secrets.getByRole('button', { name: 'Copy the password for 1001' })).toHaveText('Copied');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText())).toBe(generated);
    await secrets.getByRole('button', { name: 'I have saved it' }).click();
    await expect(secrets).toHaveCount(0);
    expect(await pageShows(page, generated)).toBe(false);

    // 1002 with a chosen password: nothing to reveal.
    await addExtension(page, '1002', 'Sales', 'chosen-pass-1002');
    await expect(page.getByRole('form', { name: 'Add an extension' }).getByRole('status')).toHaveText('Extension 1002 added.');
    await expect(secrets).toHaveCount(0);

    // A duplicate: the error sits at the number field, which gets the focus back.
    await addExtension(page, '1002', 'Sales again');
    const numberField = page.getByRole('form', { name: 'Add an extension' }).getByLabel('Number');
    await expect(numberField).toHaveAccessibleDescription(/This number is taken\./);
    await expect(numberField).toHaveAttribute('aria-invalid', 'true');
    await expect(numberField).toBeFocused();

    const importForm = page.getByRole('form', { name: 'Import from a CSV file' });
    await importForm
      .getByLabel('CSV file')
      .setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from('number,name,password\n1003,Support,support-pass-1\n1004,Warehouse,\n1005,Door phone,\n') });
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect(importForm.getByRole('status')).toHaveText('Imported 3 extensions.');
    await expect(secrets.getByRole('heading')).toHaveText('2 generated passwords');
    for (const number of ['1004', '1005']) expect((await secrets.getByRole('textbox', { name: `Password for ${number}` }).inputValue()).length).toBeGreaterThanOrEqual(16);
    await secrets.getByRole('button', { name: 'I have saved them' }).click();

    // Removal asks first; Cancel keeps the extension.
    const row1005 = page.getByTestId('extension-1005');
    await row1005.getByRole('button', { name: 'Remove extension 1005' }).click();
    await expect(row1005.getByRole('group', { name: 'Confirm removal of extension 1005' })).toBeVisible();
    await expect(row1005.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(row1005).toBeVisible();
    await row1005.getByRole('button', { name: 'Remove extension 1005' }).click();
    await row1005.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(row1005).toHaveCount(0);
    await expect(page.locator('tbody th')).toHaveText(['1001', '1002', '1003', '1004']);
    await expect(page.getByTestId('extension-1002').getByTestId('registration-status')).toHaveText('Not registered');

    // A real phone registers 1002 over UDP: the table follows without a reload.
    expect(await register(phone, sipPort, '1002', 'chosen-pass-1002', 300)).toBe(200);
    const row1002 = page.getByTestId('extension-1002');
    await expect(row1002.getByTestId('registration-status')).toHaveText('Registered (1 device)');
    await expect(page.getByTestId('registered-devices')).toHaveText('1 device');
    await row1002.getByRole('button', { name: 'Show devices' }).click();
    const devices = page.locator('.devices-row');
    await expect(devices).toContainText('Dialtone e2e desk phone');
    await expect(devices).toContainText(`127.0.0.1:${phone.port}`);
    await screenshots(page, 'admin-extensions');

    // Presence: 1002 available, the rest offline; then 1001 comes and goes, live.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Presence' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Presence' })).toBeVisible();
    await expect(page.getByTestId('presence-1002')).toContainText('Available');
    await expect(page.getByTestId('presence-1002')).toContainText('Sales');
    for (const number of ['1001', '1003', '1004']) await expect(page.getByTestId(`presence-${number}`)).toContainText('Offline');
    await expect(page.getByText('1 of 4 available')).toBeVisible();
    await screenshots(page, 'presence');

    // The generated password is the one the engine checks: 1001 registers with it.
    expect(await register(phone, sipPort, '1001', generated, 300)).toBe(200);
    await expect(page.getByTestId('presence-1001')).toContainText('Available');
    await expect(page.getByText('2 of 4 available')).toBeVisible();
    expect(await register(phone, sipPort, '1001', generated, 0)).toBe(200);
    await expect(page.getByTestId('presence-1001')).toContainText('Offline');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await expect(page.getByTestId('extension-1001').getByTestId('registration-status')).toHaveText('Not registered');
    await expect(page.getByTestId('extension-1002').getByTestId('registration-status')).toHaveText('Registered (1 device)');
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).loadedOnce)).toBe(true);

    // After a reload the generated passwords are nowhere: they were shown once.
    await page.reload();
    await expect(page.locator('tbody th')).toHaveText(['1001', '1002', '1003', '1004']);
    expect(await pageShows(page, generated)).toBe(false);
    expect(cspViolations).toEqual([]);
  });

  test('a CSV import with a number that exists imports none of its lines', async ({ page }) => {
    await page.goto(`${engine.url}/#/admin`);
    await signIn(page);
    await addExtension(page, '3001', 'Taken');
    await expect(page.getByTestId('extension-3001')).toBeVisible();
    const importForm = page.getByRole('form', { name: 'Import from a CSV file' });
    await importForm.getByLabel('CSV file').setInputFiles({ name: 'clash.csv', mimeType: 'text/csv', buffer: Buffer.from('3002,Lab,lab-pass-3002\n3001,Clash,\n') });
    await importForm.getByRole('button', { name: 'Import' }).click();
    await expect(importForm.getByLabel('CSV file')).toHaveAccessibleDescription(/These extensions exist already: 3001\. Nothing was imported\./);
    await expect(importForm.getByLabel('CSV file')).toBeFocused();
    // What the engine holds now, read fresh.
    await page.reload();
    await expect(page.getByTestId('extension-3001')).toBeVisible();
    await expect(page.getByTestId('extension-3002')).toHaveCount(0);
  });
});
