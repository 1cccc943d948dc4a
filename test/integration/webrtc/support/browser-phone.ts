// Real Chromium phones for the WebRTC call tests: a page of our own (served
// from a local HTTP server, our sip.js script bundled by esbuild) per
// extension, registered to the engine over SIP-over-WebSocket, driven
// through window.phone (browser/phone-script.ts).

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { PhoneOptions, PhoneStats } from './browser/phone-script';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  // Host candidates as plain addresses, never mDNS names (no multicast off the machine).
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** The phone as the page exposes it (window.phone). */
interface PagePhone {
  register(options: PhoneOptions): Promise<void>;
  answerIncoming(): void;
  offerReceived(): Promise<string>;
  call(target: string, domain: string): Promise<void>;
  answered(): Promise<void>;
  hold(on: boolean): Promise<string>;
  transfer(target: string, domain: string): Promise<void>;
  hangup(): Promise<void>;
  stats(): Promise<PhoneStats>;
}

export class BrowserPhone {
  constructor(
    readonly extension: string,
    readonly page: Page,
    private readonly domain: string,
  ) {}

  private run<K extends keyof PagePhone>(method: K, ...args: Parameters<PagePhone[K]>): Promise<Awaited<ReturnType<PagePhone[K]>>> {
    return this.page.evaluate(
      ([name, values]) => ((globalThis as unknown as { phone: Record<string, (...a: unknown[]) => unknown> }).phone[name]!(...values)) as never,
      [method, args] as [string, unknown[]],
    );
  }

  answerIncoming(): Promise<void> {
    return this.run('answerIncoming');
  }
  /** The SDP of the INVITE the phone was sent (it need not answer). */
  offerReceived(): Promise<string> {
    return this.run('offerReceived');
  }
  call(target: string): Promise<void> {
    return this.run('call', target, this.domain);
  }
  answered(): Promise<void> {
    return this.run('answered');
  }
  /** Resolves with the engine's answer SDP. */
  hold(on: boolean): Promise<string> {
    return this.run('hold', on);
  }
  /** Blind transfer of the current call (REFER); resolves once the engine accepted it. */
  transfer(target: string): Promise<void> {
    return this.run('transfer', target, this.domain);
  }
  hangup(): Promise<void> {
    return this.run('hangup');
  }
  stats(): Promise<PhoneStats> {
    return this.run('stats');
  }
}

/** Chromium and the page server for one test file. */
export class BrowserPhones {
  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
  ) {}

  static async start(): Promise<BrowserPhones> {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./browser/phone-script.ts', import.meta.url))],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'warning',
    });
    const script = bundle.outputFiles[0]!.contents;
    const html = '<!doctype html><html><head><title>test phone</title></head><body><script src="/phone.js"></script></body></html>';
    const server = createServer((request, response) => {
      const isScript = request.url === '/phone.js';
      response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
      response.end(isScript ? script : html);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return new BrowserPhones(browser, server);
  }

  /** A new page registered as `extension` (digest credentials) to the engine's WebSocket at `httpPort`. */
  async open(extension: string, password: string, httpPort: number): Promise<BrowserPhone> {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    const { port } = this.server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    const phone = new BrowserPhone(extension, page, '127.0.0.1');
    const options: PhoneOptions = { wsUrl: `ws://127.0.0.1:${httpPort}/`, extension, password, domain: '127.0.0.1' };
    await page.evaluate((o) => (globalThis as unknown as { phone: PagePhone }).phone.register(o), options);
    return phone;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
