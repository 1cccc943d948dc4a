import type { BrowserContext, Page } from '@playwright/test';

interface Recorded {
  __sipSockets: { url: string; close(): void }[];
}

/**
 * Test instrumentation, run before the app's scripts: the page's SIP
 * WebSockets (…/sip?token=…) are kept in a list, so a test can drop the
 * connection under a live call, as a flaky network would.
 */
export async function recordSipSockets(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const scope = globalThis as unknown as Recorded & { WebSocket: new (url: string, protocols?: string | string[]) => Recorded['__sipSockets'][number] };
    const Native = scope.WebSocket;
    scope.__sipSockets = [];
    scope.WebSocket = class extends Native {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/sip?')) scope.__sipSockets.push(this);
      }
    } as typeof scope.WebSocket;
  });
}

/** Closes the page's current SIP WebSocket from the browser's side. */
export async function dropSipConnection(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as Recorded).__sipSockets.at(-1)?.close());
}

/** The URLs of every SIP WebSocket the page opened, oldest first. */
export function sipSocketUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as Recorded).__sipSockets.map((socket) => socket.url));
}
