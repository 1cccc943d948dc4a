import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The browser globals the scripts below use (this file compiles without the DOM library). */
interface Recorded {
  __peerConnections: { getStats(): Promise<Map<string, Record<string, unknown>>> }[];
}

/**
 * Test instrumentation, run before the app's own scripts: every
 * RTCPeerConnection the page makes is kept in a list, so the test can read
 * its statistics. The app is unchanged; the class it uses is the browser's,
 * subclassed only to record each instance.
 */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const scope = globalThis as unknown as Recorded & { RTCPeerConnection: new (...args: unknown[]) => object };
    const Native = scope.RTCPeerConnection;
    scope.__peerConnections = [];
    scope.RTCPeerConnection = class extends Native {
      constructor(...args: unknown[]) {
        super(...args);
        scope.__peerConnections.push(this as unknown as Recorded['__peerConnections'][number]);
      }
    };
  });
}

export interface AudioStats {
  /** RTP packets received on the inbound audio stream (getStats inbound-rtp). */
  packetsReceived: number;
  /** Energy of the decoded audio received so far (inbound-rtp totalAudioEnergy). */
  totalAudioEnergy: number;
  /** The level of the audio received lately, 0..1 (inbound-rtp audioLevel). */
  audioLevel: number;
  /** RTP packets sent (outbound-rtp). */
  packetsSent: number;
}

/** The audio statistics of one of the page's peer connections (by creation order; -1: the newest). */
export async function audioStats(page: Page, index = -1): Promise<AudioStats> {
  return page.evaluate(async (which) => {
    const list = (globalThis as unknown as Recorded).__peerConnections;
    const pc = list.at(which);
    const totals = { packetsReceived: 0, totalAudioEnergy: 0, audioLevel: 0, packetsSent: 0 };
    if (!pc) return totals;
    for (const report of (await pc.getStats()).values()) {
      if (report.kind !== 'audio') continue;
      if (report.type === 'inbound-rtp') {
        totals.packetsReceived += Number(report.packetsReceived ?? 0);
        totals.totalAudioEnergy += Number(report.totalAudioEnergy ?? 0);
        totals.audioLevel = Math.max(totals.audioLevel, Number(report.audioLevel ?? 0));
      } else if (report.type === 'outbound-rtp') {
        totals.packetsSent += Number(report.packetsSent ?? 0);
      }
    }
    return totals;
  }, index);
}

/** 20 ms packets: a second of audio is 50. */
const PACKETS_PER_SECOND = 50;

/**
 * Audio reaches the page: over a couple of seconds, RTP keeps arriving on
 * its newest peer connection and the decoded sound has energy.
 */
export async function expectAudioArriving(page: Page, who: string, index = -1): Promise<void> {
  const before = await audioStats(page, index);
  await expect
    .poll(async () => (await audioStats(page, index)).packetsReceived - before.packetsReceived, { message: `${who} receives RTP`, timeout: 10_000 })
    .toBeGreaterThan(PACKETS_PER_SECOND);
  await expect.poll(async () => (await audioStats(page, index)).totalAudioEnergy - before.totalAudioEnergy, { message: `${who} hears sound, not silence`, timeout: 10_000 }).toBeGreaterThan(0);
}

/** No audio reaches the page for `ms` (held): at most a few packets that were already on their way. */
export async function expectNoAudioArriving(page: Page, who: string, ms = 1_500): Promise<void> {
  // Let the packets sent before the change arrive first.
  await page.waitForTimeout(300);
  const before = await audioStats(page);
  await page.waitForTimeout(ms);
  const after = await audioStats(page);
  expect(after.packetsReceived - before.packetsReceived, `${who} receives no RTP`).toBeLessThanOrEqual(3);
}

/** The sound reaching the page stays silent for `ms` (the far end muted), even if packets still come. */
export async function expectSilenceArriving(page: Page, who: string, ms = 1_500): Promise<void> {
  await page.waitForTimeout(300);
  const before = await audioStats(page);
  await page.waitForTimeout(ms);
  const after = await audioStats(page);
  // Chromium's fake microphone beeps with an energy near 0.3 per 1.5 s; silence stays below a thousandth of that.
  expect(after.totalAudioEnergy - before.totalAudioEnergy, `${who} hears silence`).toBeLessThan(3e-4);
}
