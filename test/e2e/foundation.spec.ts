import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_PASSWORD, startEngine, type EngineProcess } from '../support/engine-process';

const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

async function signIn(page: Page, password = ADMIN_PASSWORD) {
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('the headless engine serves the app to a browser', () => {
  let engine: EngineProcess;
  test.beforeAll(async () => {
    engine = await startEngine();
  });
  test.afterAll(async () => {
    await engine?.stop();
  });

  test('a wrong password is refused with one clear message', async ({ page }) => {
    await page.goto(engine.url);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in.png` });
    await signIn(page, 'not-the-password');
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-error.png` });
  });

  test('sign in, visit every view, change a setting that survives an engine restart', async ({ page }) => {
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(engine.url);
    await signIn(page);
    await expect(page.getByTestId('engine-connection')).toHaveText('Connected to the engine');
    await expect(page.getByTestId('signed-in-user')).toHaveText('Signed in as admin');

    for (const view of ['Phone', 'Contacts', 'History', 'Presence', 'Settings', 'Admin']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view }).click();
      await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
      await expect(page).toHaveURL(new RegExp(`#/${view.toLowerCase()}$`));
      await expect(page.getByRole('status').filter({ hasText: 'Loading' })).toHaveCount(0);
      await page.screenshot({ path: `${SCREENSHOTS}/view-${view.toLowerCase()}.png` });
    }
    await expect(page.getByText(engine.dataDir)).toBeVisible();

    // Keyboard only: the dial pad takes typed digits and formats them by the home country.
    await page.getByRole('link', { name: 'Phone' }).click();
    await page.getByLabel('Number, extension or SIP address').pressSequentially('2025550143');
    await expect(page.getByTestId('dial-preview')).toHaveText('(202) 555-0143 · +12025550143');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Home country').selectOption('GB');
    await page.getByLabel('Display name').fill('Front desk');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();

    // The engine goes away: the status bar says so, and comes back by itself.
    const dataDir = engine.dataDir;
    expect(await engine.stop()).toBe(0);
    await expect(page.getByTestId('engine-connection')).toContainText('Engine unreachable');
    await page.screenshot({ path: `${SCREENSHOTS}/engine-unreachable.png` });
    engine = await startEngine({ dataDir, httpPort: engine.httpPort });
    await expect(page.getByTestId('engine-connection')).toHaveText('Connected to the engine', { timeout: 20_000 });

    await page.reload();
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByLabel('Home country')).toHaveValue('GB');
    await expect(page.getByLabel('Display name')).toHaveValue('Front desk');
    await page.getByRole('link', { name: 'Phone' }).click();
    await page.getByLabel('Number, extension or SIP address').pressSequentially('02079460000');
    await expect(page.getByTestId('dial-preview')).toHaveText('020 7946 0000 · +442079460000');
    expect(cspViolations).toEqual([]);
  });
});
