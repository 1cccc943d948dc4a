import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, startEngine, type EngineProcess } from '../support/engine-process';
import { connectContract, type ContractClient } from '../support/peers/contract-client';
import { freeSipPort } from '../support/peers/free-port';

// The Trunks and Routes views against a real engine and a real provider: a
// SIPp registrar on loopback that challenges REGISTER with a digest 401 and
// checks the answer (test/fixtures/sipp/provider-registrar.xml).

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });
const REGISTRAR_SCENARIO = join(import.meta.dirname, '..', 'fixtures', 'sipp', 'provider-registrar.xml');
const PROVIDER = { username: 'office-trunk', password: 'provider-secret-1' };

/** The provider's registrar: SIPp, spawned here so the test can pause it (SIGSTOP) by its own PID. */
interface Registrar {
  port: number;
  child: ChildProcess;
  output: () => string;
}

const bindUdp = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });

async function startRegistrar(): Promise<Registrar> {
  const port = await freeSipPort();
  const workDir = mkdtempSync(join(tmpdir(), 'dialtone-registrar-'));
  const args = ['-sf', REGISTRAR_SCENARIO, '-i', '127.0.0.1', '-p', String(port), '-key', 'user', PROVIDER.username, '-key', 'password', PROVIDER.password, '-key', 'granted', '120'];
  const child = spawn('sipp', [...args, '-buff_size', '4194304', '-nostdin', '-trace_err'], { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // Ready once SIPp holds the port: binding it ourselves fails from then on.
  await expect.poll(() => bindUdp(port), { message: `SIPp did not bind UDP ${port}:\n${output}`, timeout: 10_000 }).toBe(false);
  return { port, child, output: () => output };
}

async function stopRegistrar(registrar: Registrar | undefined): Promise<void> {
  const child = registrar?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGCONT');
  child.kill('SIGKILL');
  await exited;
}

async function signIn(page: Page) {
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('engine-connection')).toHaveText('Connected to the engine');
}

/** A screenshot of the whole view: a viewport tall enough that nothing scrolls out of the picture. */
async function screenshot(page: Page, name: string, scheme: 'light' | 'dark' = 'light', height = 1500) {
  await page.setViewportSize({ width: 1200, height });
  await page.emulateMedia({ colorScheme: scheme });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1200, height: 800 });
}

/** Fails the test on any Content-Security-Policy report in the console (the blob: download included). */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** The labels of the fields a trunk form shows outside Advanced settings. */
async function formFieldLabels(form: Locator): Promise<string[]> {
  return form.locator('fieldset > .field label').allTextContents();
}

type BrowserGlobals = { loadedOnce?: boolean };

test.describe('trunks and routes against a real registrar', () => {
  let engine: EngineProcess;
  let admin: ContractClient;
  let registrar: Registrar;

  test.beforeAll(async () => {
    engine = await startEngine();
    admin = await connectContract(engine.url, 'admin', ADMIN_PASSWORD);
    await admin.call('extensions.create', { number: '1001', name: 'Reception', password: 'reception-pass-1' });
    await admin.call('extensions.create', { number: '1002', name: 'Sales', password: 'sales-pass-1002' });
    registrar = await startRegistrar();
  });
  test.afterAll(async () => {
    admin?.close();
    // The engine first: its trunks un-REGISTER on the way out, and the registrar is still there to answer.
    await engine?.stop();
    await stopRegistrar(registrar);
  });

  test('add a trunk from a template, watch it register live, test it, break and mend it, remove it', async ({ page }) => {
    test.setTimeout(120_000);
    const cspViolations = watchCsp(page);
    const templates = await admin.call('trunks.templates', {});
    await page.goto(`${engine.url}/#/trunks`);
    await signIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Trunks' })).toBeVisible();
    await expect(page.getByText('No trunks yet.')).toBeVisible();
    // Set once; still there at the end proves every status below arrived without a reload.
    await page.evaluate(() => ((globalThis as unknown as BrowserGlobals).loadedOnce = true));

    // Step 1: a card per provider.
    await page.getByRole('button', { name: 'Add trunk' }).click();
    const add = page.getByTestId('add-trunk');
    await expect(add.getByRole('heading', { name: 'Who is your SIP provider?' })).toBeFocused();
    await expect(add.getByRole('list', { name: 'Providers' }).getByRole('button')).toHaveCount(templates.length);
    await screenshot(page, 'trunk-providers');

    // Telnyx: exactly its fields, its notes, and what we could not confirm, discreetly.
    const telnyx = templates.find((t) => t.id === 'telnyx')!;
    await add.getByRole('button', { name: /^Telnyx/ }).click();
    const telnyxForm = page.getByRole('form', { name: 'New trunk: Telnyx' });
    expect(await formFieldLabels(telnyxForm)).toEqual(['Trunk name', 'Display name', ...telnyx.fields.map((f) => f.label)]);
    await expect(telnyxForm.getByText(telnyx.notes[0]!)).toBeVisible();
    await expect(telnyxForm.getByTestId('unconfirmed')).toContainText('Not confirmed by us:');
    await expect(telnyxForm.getByTestId('unconfirmed').getByRole('listitem')).toHaveCount(telnyx.unconfirmed.length);
    await screenshot(page, 'trunk-add-telnyx');
    await telnyxForm.getByRole('button', { name: 'Choose another provider' }).click();

    // The custom template: required marks, the secret masked until shown, defaults from the template.
    const custom = templates.find((t) => t.id === 'custom-credential')!;
    await add.getByRole('button', { name: /^Other provider \(username and password\)/ }).click();
    const form = page.getByRole('form', { name: `New trunk: ${custom.displayName}` });
    expect(await formFieldLabels(form)).toEqual(['Trunk name', 'Display name', ...custom.fields.map((f) => f.label)]);
    for (const field of custom.fields) {
      const input = form.getByLabel(field.label, { exact: true });
      if (field.required) await expect(input).toHaveAttribute('required', '');
      else await expect(input).not.toHaveAttribute('required');
      await expect(input).toHaveAccessibleDescription(field.help);
    }
    const password = form.getByLabel('SIP password', { exact: true });
    await expect(password).toHaveAttribute('type', 'password');
    await password.fill(PROVIDER.password);
    await form.getByRole('button', { name: 'Show' }).click();
    await expect(password).toHaveAttribute('type', 'text');
    await expect(password).toHaveValue(PROVIDER.password);
    await form.getByRole('button', { name: 'Hide' }).click();
    await expect(password).toHaveAttribute('type', 'password');
    await expect(form.getByLabel('Port', { exact: true })).toHaveValue(String(custom.defaults.port));
    await form.getByText('Advanced settings').click();
    await expect(form.getByLabel('Codecs')).toHaveValue(custom.defaults.codecs.join(', '));
    await expect(form.getByLabel('Registration interval (seconds)')).toHaveValue(String(custom.defaults.registrationExpires));
    await expect(form.getByLabel('Register with the provider')).toBeChecked();

    // The engine's errors land at their fields: first the name, then what the provider needs.
    await form.getByRole('button', { name: 'Add trunk' }).click();
    await expect(form.getByLabel('Trunk name')).toHaveAccessibleDescription(/Use 1–32 lower-case letters/);
    await expect(form.getByLabel('Trunk name')).toBeFocused();
    await form.getByLabel('Trunk name').fill('provider');
    await form.getByLabel('Registration interval (seconds)').fill('30');
    await form.getByRole('button', { name: 'Add trunk' }).click();
    await expect(form.getByLabel('SIP server', { exact: true })).toHaveAccessibleDescription(/needs the SIP server/);
    await expect(form.getByLabel('SIP username', { exact: true })).toHaveAccessibleDescription(/needs the SIP username/);
    await expect(form.getByLabel('SIP server', { exact: true })).toBeFocused();
    await expect(form.getByLabel('Registration interval (seconds)')).toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, 'trunk-add', 'light', 2300);

    await form.getByLabel('SIP server', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('SIP username', { exact: true }).fill(PROVIDER.username);
    await form.getByLabel('Port', { exact: true }).fill(String(registrar.port));
    await form.getByLabel('Registration interval (seconds)').fill('600');
    await form.getByLabel('Display name').fill('Office line');
    await form.getByRole('button', { name: 'Add trunk' }).click();
    await expect(page.getByText('Trunk provider added.')).toBeVisible();

    // The registrar's 401, our digest, its 200: the status follows live.
    const item = page.getByTestId('trunk-provider');
    await expect(item).toContainText('Office line');
    await expect(item.getByTestId('trunk-status')).toHaveText(/^Registered until \d{1,2}:\d{2}/);
    await expect(item.getByTestId('trunk-latency')).toHaveText(/^\d+ ms$/);
    await screenshot(page, 'trunks');

    // Test while the provider is slow (SIPp paused for 1.5 s): the checklist waits, then every step passes.
    registrar.child.kill('SIGSTOP');
    await item.getByRole('button', { name: 'Test trunk provider' }).click();
    const testResult = item.getByTestId('trunk-test-provider');
    await expect(item.getByRole('button', { name: 'Test trunk provider' })).toHaveText('Testing…');
    await expect(testResult).toContainText('Testing: finding the server, registering');
    await page.waitForTimeout(1500);
    registrar.child.kill('SIGCONT');
    await expect(testResult).toContainText('The trunk works.', { timeout: 20_000 });
    const steps = testResult.getByRole('listitem');
    await expect(steps).toHaveText([
      `✓Passed: Found 127.0.0.1 at 127.0.0.1:${registrar.port} (UDP).`,
      `✓Passed: Registered as ${PROVIDER.username} (200 OK).`,
      /^✓Passed: The provider answered OPTIONS with 200 OK in \d+ ms\.$/,
    ]);
    await screenshot(page, 'trunk-test');
    await testResult.getByRole('button', { name: 'Close the test' }).click();

    // A wrong port (TCP, where nothing listens): the live status and the test both say so in words.
    const wrongPort = await freeSipPort();
    await item.getByRole('button', { name: 'Edit trunk provider' }).click();
    const edit = item.getByRole('form', { name: 'Edit Office line' });
    await expect(edit.getByLabel('SIP password', { exact: true })).toHaveValue('');
    await expect(edit.getByLabel('SIP password', { exact: true })).toHaveAccessibleDescription(/Leave it empty to keep the current password/);
    await edit.getByLabel('Port', { exact: true }).fill(String(wrongPort));
    await edit.getByLabel('Transport').selectOption('tcp');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toHaveCount(0);
    await expect(item.getByTestId('trunk-status')).toHaveText(/^Failed: cannot reach 127\.0\.0\.1 · next attempt in \d+ s$/);
    await item.getByRole('button', { name: 'Test trunk provider' }).click();
    await expect(testResult).toContainText('The trunk does not work yet:');
    await expect(steps).toHaveText([`✓Passed: Found 127.0.0.1 at 127.0.0.1:${wrongPort} (TCP).`, '✗Failed: Registration failed: cannot reach 127.0.0.1.']);
    await expect(testResult.locator('.step-failed')).toHaveCount(1);

    // Mended with the password field left empty: the registrar checks the digest, so the kept password is the right one.
    await item.getByRole('button', { name: 'Edit trunk provider' }).click();
    await edit.getByLabel('Port', { exact: true }).fill(String(registrar.port));
    await edit.getByLabel('Transport').selectOption('udp');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(item.getByTestId('trunk-status')).toHaveText(/^Registered until/);

    // Off and on again.
    await item.getByRole('button', { name: 'Turn off trunk provider' }).click();
    await expect(item.getByTestId('trunk-status')).toHaveText('Turned off');
    await item.getByRole('button', { name: 'Turn on trunk provider' }).click();
    await expect(item.getByTestId('trunk-status')).toHaveText(/^Registered until/);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).loadedOnce)).toBe(true);

    // Removal asks first; Cancel keeps it.
    await item.getByRole('button', { name: 'Remove trunk provider' }).click();
    await expect(item.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(item.getByRole('button', { name: 'Remove trunk provider' })).toBeVisible();
    await item.getByRole('button', { name: 'Remove trunk provider' }).click();
    await item.getByRole('button', { name: 'Yes, remove' }).click();
    await expect(item).toHaveCount(0);
    await expect(page.getByText('No trunks yet.')).toBeVisible();
    expect((await admin.call('trunks.list', {})).trunks).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('routes out and in, the dialling policy, and Try a number explaining each decision', async ({ page }) => {
    test.setTimeout(90_000);
    const cspViolations = watchCsp(page);
    await admin.call('trunks.create', {
      template: 'custom-credential',
      name: 'main-line',
      fields: { server: '127.0.0.1', port: String(registrar.port), username: PROVIDER.username, password: PROVIDER.password },
    });
    await admin.call('trunks.create', { template: 'custom-ip', name: 'backup', fields: { server: '127.0.0.1', port: String(registrar.port), inboundAddresses: '127.0.0.1' } });
    await page.goto(`${engine.url}/#/routes`);
    await signIn(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Routes' })).toBeVisible();

    // Before any route: a number outside the office has nowhere to go, and the answer says so.
    const tryCard = page.getByRole('region', { name: 'Try a number' });
    const explanation = tryCard.getByTestId('route-explanation');
    await tryCard.getByLabel('From').selectOption('1001');
    await tryCard.getByLabel('Number dialled').fill('415 555 0123');
    await tryCard.getByRole('button', { name: 'Try' }).click();
    await expect(tryCard.getByTestId('route-decision')).toContainText('Refused: no route (404)');
    await expect(explanation).toHaveText('No enabled outbound route matches 4155550123.');

    // An outbound route: a bad pattern is named at its field; trunks in order, with a backup.
    const outbound = page.getByRole('region', { name: 'Calls out' });
    await outbound.getByRole('button', { name: 'Add route' }).click();
    const routeForm = outbound.getByRole('form', { name: 'Add an outbound route' });
    await routeForm.getByLabel('Name').fill('National');
    await routeForm.getByLabel('Dial patterns').fill('NXXNXXXXXX\n1NXXNXXXXXX\n12ab');
    const trunkChoice = routeForm.getByLabel('Trunks', { exact: true });
    const trunkOrder = routeForm.getByRole('list', { name: 'Trunks in the order they are tried' }).getByRole('listitem');
    await trunkChoice.selectOption('main-line');
    await routeForm.getByRole('button', { name: 'Use this trunk' }).click();
    await expect(trunkChoice).toHaveValue('backup');
    await routeForm.getByRole('button', { name: 'Add as backup' }).click();
    await expect(trunkOrder).toHaveText([/^1\. main-line/, /^2\. backup/]);
    await routeForm.getByRole('button', { name: 'Try backup earlier' }).click();
    await expect(trunkOrder).toHaveText([/^1\. backup/, /^2\. main-line/]);
    await routeForm.getByRole('button', { name: 'Try backup later' }).click();
    await expect(trunkOrder).toHaveText([/^1\. main-line/, /^2\. backup/]);
    await routeForm.getByLabel('Caller ID').fill('+14155550100');
    await routeForm.getByRole('button', { name: 'Add route' }).click();
    await expect(routeForm.getByLabel('Dial patterns')).toHaveAccessibleDescription(/^“12ab”: Use digits, X, Z, N/);
    await expect(routeForm.getByLabel('Dial patterns')).toBeFocused();
    await routeForm.getByLabel('Dial patterns').fill('NXXNXXXXXX\n1NXXNXXXXXX');
    await routeForm.getByRole('button', { name: 'Add route' }).click();
    await expect(routeForm).toHaveCount(0);
    await expect(outbound.getByTestId('outbound-National')).toContainText('via main-line → backup');
    // The answer follows the change by itself.
    await expect(explanation).toHaveText(
      '4155550123 goes out on route "National" (NXXNXXXXXX) through trunks main-line, then backup (the next when one fails) as +14155550123. Caller ID +14155550100 (the route\'s).',
    );

    // Edited in place: its name stays, the answer follows the new caller ID.
    await outbound.getByRole('button', { name: 'Edit route National' }).click();
    const editRoute = outbound.getByRole('form', { name: 'Edit route National' });
    await expect(editRoute.getByLabel('Name')).toHaveAttribute('readonly', '');
    await expect(editRoute.getByLabel('Dial patterns')).toHaveValue('NXXNXXXXXX\n1NXXNXXXXXX');
    await editRoute.getByLabel('Caller ID').fill('+14155550199');
    await editRoute.getByRole('button', { name: 'Save route' }).click();
    await expect(outbound.getByTestId('outbound-National')).toContainText('shows +14155550199');
    await expect(explanation).toContainText("Caller ID +14155550199 (the route's).");

    await outbound.getByRole('button', { name: 'Add route' }).click();
    await routeForm.getByLabel('Name').fill('International');
    await routeForm.getByLabel('Dial patterns').fill('011.');
    await trunkChoice.selectOption('main-line');
    await routeForm.getByRole('button', { name: 'Use this trunk' }).click();
    await routeForm.getByRole('button', { name: 'Add route' }).click();
    const order = outbound.locator('.route-name');
    await expect(order).toHaveText(['National', 'International']);
    await outbound.getByRole('button', { name: 'Move International up' }).click();
    await expect(order).toHaveText(['International', 'National']);
    expect((await admin.call('routes.list', {})).outbound.map((r) => r.name)).toEqual(['International', 'National']);
    await outbound.getByRole('button', { name: 'Move International down' }).click();
    await expect(order).toHaveText(['National', 'International']);

    // Inbound: a DID to Reception, everything else to Sales; a number that is not E.164 is refused at its field.
    const inbound = page.getByRole('region', { name: 'Calls in' });
    await inbound.getByRole('button', { name: 'Add route' }).click();
    const inboundForm = inbound.getByRole('form', { name: 'Add an inbound route' });
    await inboundForm.getByLabel('Number called').fill('4155550100');
    await inboundForm.getByLabel('Goes to').selectOption({ label: 'Extension 1001 (Reception)' });
    await inboundForm.getByRole('button', { name: 'Add route' }).click();
    await expect(inboundForm.getByLabel('Number called')).toHaveAccessibleDescription(/^Use an E\.164 number such as \+14155550100/);
    await inboundForm.getByLabel('Number called').fill('+14155550100');
    await inboundForm.getByRole('button', { name: 'Add route' }).click();
    await expect(inbound.getByTestId('inbound-+14155550100')).toContainText('Any trunk');
    await expect(inbound.getByTestId('inbound-+14155550100')).toContainText('Extension 1001 (Reception)');
    await inbound.getByRole('button', { name: 'Add route' }).click();
    await inboundForm.getByLabel('Number called').fill('*');
    await inboundForm.getByLabel('Coming in on').selectOption({ label: 'Trunk main-line only' });
    await inboundForm.getByLabel('Goes to').selectOption({ label: 'Extension 1002 (Sales)' });
    await inboundForm.getByRole('button', { name: 'Add route' }).click();
    await expect(inbound.getByTestId('inbound-*')).toHaveText(/Any other number\s*Trunk main-line\s*Extension 1002 \(Sales\)/);
    // Where a route goes can change; its number and trunk cannot.
    await inbound.getByRole('button', { name: 'Edit calls to +14155550100' }).click();
    const editInbound = inbound.getByRole('form', { name: 'Edit calls to +14155550100' });
    await expect(editInbound.getByLabel('Number called')).toHaveAttribute('readonly', '');
    await editInbound.getByLabel('Goes to').selectOption({ label: 'Reject: decline (603)' });
    await editInbound.getByRole('button', { name: 'Save route' }).click();
    await expect(inbound.getByTestId('inbound-+14155550100')).toContainText('Reject: decline (603)');
    expect((await admin.call('routes.list', {})).inbound).toEqual([
      { did: '*', trunk: 'main-line', destination: { type: 'extension', number: '1002' } },
      { did: '+14155550100', destination: { type: 'reject', status: 603 } },
    ]);

    // Abroad: denied, with the way to allow it; after allowing the country, allowed, and why.
    await tryCard.getByLabel('Number dialled').fill('011 44 20 7946 0958');
    await tryCard.getByRole('button', { name: 'Try' }).click();
    await expect(tryCard.getByTestId('route-decision')).toContainText('Refused: not allowed (403)');
    await expect(explanation).toHaveText('International calls to United Kingdom (+44) are not allowed from 1001; add GB to the allow-list or let 1001 call abroad.');
    const policy = page.getByRole('form', { name: 'Calls abroad' });
    await policy.getByLabel('Countries anyone may call').fill('united k');
    await policy.getByRole('button', { name: 'Add United Kingdom (+44)' }).click();
    await expect(policy.getByRole('list', { name: 'Allowed countries' })).toHaveText(['United Kingdom (+44)×']);
    await policy.getByRole('checkbox', { name: /1002/ }).check();
    await policy.getByRole('button', { name: 'Save' }).click();
    await expect(policy.getByRole('status')).toHaveText('Saved.');
    await expect(explanation).toHaveText(/^011442079460958 goes out on route "International" \(011\.\) through trunk main-line as \+442079460958\. It is an international call to United Kingdom, allowed because GB is on the allow-list\./);
    expect((await admin.call('routes.list', {})).policy).toEqual({ internationalAllowList: ['GB'], internationalExtensions: ['1002'] });

    // Germany is not on the list: refused for 1001, allowed for 1002, which may call any country.
    await tryCard.getByLabel('Number dialled').fill('011 49 30 12345678');
    await tryCard.getByRole('button', { name: 'Try' }).click();
    await expect(explanation).toHaveText(/^International calls to Germany \(\+49\) are not allowed from 1001/);
    await tryCard.getByLabel('From').selectOption('1002');
    await tryCard.getByRole('button', { name: 'Try' }).click();
    await expect(explanation).toContainText('It is an international call to Germany, allowed because 1002 may call abroad.');
    await tryCard.getByLabel('From').selectOption('1001');
    await tryCard.getByLabel('Number dialled').fill('4155550123');
    await tryCard.getByRole('button', { name: 'Try' }).click();
    await expect(explanation).toContainText('goes out on route "National"');

    await screenshot(page, 'routes', 'light', 2000);
    await screenshot(page, 'routes-dark', 'dark', 2000);
    expect(cspViolations).toEqual([]);
  });

  test('PJSIP: the export downloads as a file under the strict CSP, the import lists what it created and skipped', async ({ page }) => {
    const cspViolations = watchCsp(page);
    await page.goto(`${engine.url}/#/trunks`);
    await signIn(page);
    const card = page.getByRole('region', { name: 'Asterisk (PJSIP)' });

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download pjsip.conf' }).click()]);
    expect(download.suggestedFilename()).toBe('pjsip.conf');
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported).toBe((await admin.call('pjsip.export', {})).text);
    expect(exported).toMatch(/^\[1001\]\s*$/m);
    await expect(card.getByRole('status').first()).toHaveText('Downloaded.');

    const usersConf = [
      '[2001]',
      'type=endpoint',
      'auth=2001-auth',
      'aors=2001',
      'callerid="Front Desk" <2001>',
      '[2001-auth]',
      'type=auth',
      'auth_type=userpass',
      'username=2001',
      'password=front-desk-pass-1',
      '[2001]',
      'type=aor',
      'max_contacts=1',
      '[2002]',
      'type=endpoint',
      'auth=2002-auth',
      'aors=2002',
      '[2002-auth]',
      'type=auth',
      'username=2002',
      'md5_cred=0123456789abcdef0123456789abcdef',
      '[2002]',
      'type=aor',
      '',
    ].join('\n');
    await card.getByLabel('pjsip_users.conf').setInputFiles({ name: 'pjsip_users.conf', mimeType: 'text/plain', buffer: Buffer.from(usersConf) });
    await card.getByRole('button', { name: 'Import' }).click();
    const result = card.getByTestId('pjsip-import-result');
    await expect(result).toContainText('Created 1 extension.');
    await expect(result.getByRole('listitem')).toHaveText([/^\[2002\] \(line 14\): its auth has only a digest \(md5_cred\/password_digest\), not the password/]);
    const created = (await admin.call('extensions.list', {})).find((e) => e.number === '2001');
    expect(created?.name).toBe('Front Desk');
    expect(cspViolations).toEqual([]);
  });
});
