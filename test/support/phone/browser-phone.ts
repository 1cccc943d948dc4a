import { mkdirSync } from 'node:fs';
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import config, { CHROMIUM_PATH } from '../../../playwright.config';
import { recordPeerConnections } from './peer-connections';
import { recordSipSockets } from './sip-sockets';
import type { Extension } from './phone-office';

export const SCREENSHOTS = 'test-results/screenshots';
mkdirSync(SCREENSHOTS, { recursive: true });

/** One SIP message the page sent or received over SIP-over-WebSocket. */
export interface SipFrame {
  direction: 'sent' | 'received';
  text: string;
}

export interface BrowserPhone {
  readonly extension: Extension;
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every SIP message of the page's phone so far, over all its connections, in order. */
  readonly sip: SipFrame[];
  close(): Promise<void>;
}

/** The status codes of the responses the page sent to requests of `method` (by CSeq). */
export function sentResponses(frames: readonly SipFrame[], method: string): number[] {
  return frames
    .filter((f) => f.direction === 'sent' && f.text.startsWith('SIP/2.0 ') && new RegExp(`^CSeq:\\s*\\d+\\s+${method}\\s*$`, 'im').test(f.text))
    .map((f) => Number(f.text.split(' ')[1]));
}

/** The SIP requests of `method` among `frames` sent by the page. */
export function sentRequests(frames: readonly SipFrame[], method: string): string[] {
  return frames.filter((f) => f.direction === 'sent' && f.text.startsWith(`${method} `)).map((f) => f.text);
}

/**
 * A Chromium of its own whose fake microphone plays `wav` (a known tone, so
 * the far end can tell whose audio it hears): the flag is per browser, not
 * per context. Same flags as playwright.config otherwise.
 */
export function launchWithMicrophone(wav: string): Promise<Browser> {
  const args = config.use?.launchOptions?.args ?? [];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args, `--use-file-for-fake-audio-capture=${wav}`] });
}

/**
 * Signs `extension` in at `url` in a new context (its own cookies, so two
 * phones can share a browser) and waits until its phone has registered.
 * Peer connections are recorded for getStats (see peer-connections.ts).
 */
export async function openBrowserPhone(
  browser: Browser,
  url: string,
  extension: Extension,
  options: { view?: string; beforeLoad?: (context: BrowserContext) => Promise<void> } = {},
): Promise<BrowserPhone> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await options.beforeLoad?.(context);
  await context.grantPermissions(['microphone', 'notifications'], { origin: url });
  await recordPeerConnections(context);
  await recordSipSockets(context);
  const page = await context.newPage();
  const sip: SipFrame[] = [];
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/sip?')) return;
    ws.on('framesent', (frame) => sip.push({ direction: 'sent', text: String(frame.payload) }));
    ws.on('framereceived', (frame) => sip.push({ direction: 'received', text: String(frame.payload) }));
  });
  await page.goto(`${url}/#/${options.view ?? 'phone'}`);
  await page.getByLabel('Username').fill(extension.number);
  await page.getByLabel('Password').fill(extension.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(statusBarPhone(page)).toHaveText(`Phone ready · ${extension.number}`, { timeout: 15_000 });
  return { extension, page, context, sip, close: () => context.close() };
}

/** The registration status the Phone view shows. */
export const phoneStatus = (page: Page) => page.getByTestId('phone-status').getByRole('status');
/** The registration status in the status bar, on every view. */
export const statusBarPhone = (page: Page) => page.getByTestId('phone-status-compact').getByRole('status');

/** Dials `target` with the keyboard, as a person would: click the field, type, Enter. */
export async function dial(page: Page, target: string): Promise<void> {
  const field = page.getByLabel('Number, extension or SIP address');
  await field.fill(target);
  await field.press('Enter');
}

/** The screenshot in light and in dark. */
export async function screenshot(page: Page, name: string, options: { dark?: boolean } = {}): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  if (options.dark) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-dark.png` });
    await page.emulateMedia({ colorScheme: 'light' });
  }
}
