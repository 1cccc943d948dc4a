import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CallRecord } from '../../shared/call-records';
import { freeUdpPorts, udpPortBound } from '../support/calls/free-udp-ports';
import { ADMIN_PASSWORD, startEngine, type EngineProcess } from '../support/engine-process';
import { startProcess, type StartedProcess } from '../support/peers/child-process';
import { connectContract, type ContractClient } from '../support/peers/contract-client';
import { freeSipPort } from '../support/peers/free-port';
import { screenshot as lightAndDarkScreenshot } from '../support/phone/browser-phone';
import { Uac } from '../support/uac';

// Real calls through the engine: SIPp is both the calling phone (UAC) and the
// called phones (UAS), over UDP on loopback; the browser watches the History,
// Admin and Presence views follow them.

const SCENARIOS = join(import.meta.dirname, '..', 'fixtures', 'sipp');

const CALLER = { number: '1001', name: 'Reception', password: 'reception-pass-1' };
/** One called extension per kind of SIPp UAS, each registered from the port its UAS binds. */
const ANSWERS = { number: '1002', name: 'Sales', password: 'sales-pass-1002' };
const BUSY = { number: '1003', name: 'Support', password: 'support-pass-1003' };
const RINGS = { number: '1004', name: 'Warehouse', password: 'warehouse-pass-1004' };
/** Busy calls made at once to fill more than one page of history (the view asks for 50 at a time). */
const BULK_CALLS = 50;

interface Peers {
  engine: EngineProcess;
  sipPort: number;
  admin: ContractClient;
  workDir: string;
  uasPorts: Map<string, number>;
  running: StartedProcess[];
}

/** A SIPp UAS for one extension, on the port that extension registered from. */
async function startUas(peers: Peers, scenario: string, extension: string, calls: number, extra: string[] = []): Promise<StartedProcess> {
  const port = peers.uasPorts.get(extension) as number;
  const uas = startProcess(
    'sipp',
    ['-sf', join(SCENARIOS, scenario), '-i', '127.0.0.1', '-p', String(port), '-m', String(calls), '-buff_size', '4194304', '-nostdin', '-trace_err', ...extra],
    { cwd: peers.workDir },
  );
  peers.running.push(uas);
  // Ready once SIPp holds the port.
  await expect.poll(() => udpPortBound(port), { message: `SIPp did not bind UDP ${port}:\n${uas.output()}`, timeout: 10_000 }).toBe(true);
  return uas;
}

/** The caller's SIPp UAC: `calls` calls to `callee`, each held (or left ringing) for `holdMs`. Resolves with its exit. */
async function startUac(peers: Peers, scenario: string, callee: string, options: { calls?: number; holdMs?: number } = {}): Promise<StartedProcess> {
  const injection = join(peers.workDir, 'caller.csv');
  writeFileSync(injection, `SEQUENTIAL\n${CALLER.number};${CALLER.password}\n`);
  const uac = startProcess(
    'sipp',
    [
      '-sf', join(SCENARIOS, scenario),
      '-inf', injection,
      '-s', callee,
      '-i', '127.0.0.1',
      '-p', String(await freeSipPort()),
      '-mi', '127.0.0.1',
      '-mp', String(await freeUdpPorts(4)),
      `127.0.0.1:${peers.sipPort}`,
      '-m', String(options.calls ?? 1),
      '-r', '20',
      '-l', '1',
      '-d', String(options.holdMs ?? 0),
      '-buff_size', '4194304',
      '-nostdin',
      '-timeout', '60s',
      '-timeout_error',
      '-trace_err',
    ],
    { cwd: peers.workDir },
  );
  peers.running.push(uac);
  return uac;
}

/** Runs a UAC to the end; SIPp exits 0 only when every call went as its scenario says. */
async function call(peers: Peers, scenario: string, callee: string, options: { calls?: number; holdMs?: number } = {}): Promise<void> {
  const uac = await startUac(peers, scenario, callee, options);
  const exit = await uac.exited;
  expect(exit.code, uac.output().slice(-3000)).toBe(0);
}

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('engine-connection')).toHaveText('Connected to the engine');
}

async function go(page: Page, view: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: view }).click();
  await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
}

/** The screenshot in light, and in dark when asked, at a height that shows the whole view. */
async function screenshot(page: Page, name: string, options: { dark?: boolean; height?: number } = {}) {
  await page.setViewportSize({ width: 1200, height: options.height ?? 800 });
  await lightAndDarkScreenshot(page, name, options);
  await page.setViewportSize({ width: 1200, height: 800 });
}

const rows = (page: Page) => page.getByRole('list', { name: 'Calls' }).getByTestId('call-row');

/** A record's cells in the details' leg table: sent, received, lost. */
async function legCells(details: Locator, label: string): Promise<string[]> {
  return details.getByRole('row', { name: new RegExp(`^${label.replace(/[()]/g, '\\$&')}`) }).getByRole('cell').allInnerTexts();
}

/** The browser's globals as the evaluated functions below use them (this file compiles without the DOM library). */
type BrowserGlobals = { loadedOnce?: boolean };

test.describe('call history and live calls follow real SIP calls', () => {
  let peers: Peers;

  test.beforeAll(async () => {
    const engine = await startEngine();
    // startEngine returns at the "Web UI:" line; the "SIP:" line may come in the next chunk.
    const sipLine = /SIP:.*UDP (\d+)/;
    await expect.poll(() => sipLine.test(engine.output()), { message: `no SIP line in:\n${engine.output()}`, timeout: 5000 }).toBe(true);
    const sipPort = Number(sipLine.exec(engine.output())![1]);
    const admin = await connectContract(engine.url, 'admin', ADMIN_PASSWORD);
    peers = { engine, sipPort, admin, workDir: mkdtempSync(join(tmpdir(), 'dialtone-ui-calls-')), uasPorts: new Map(), running: [] };
    for (const extension of [CALLER, ANSWERS, BUSY, RINGS]) await admin.call('extensions.create', extension);
    // Each callee registers from the UDP port its SIPp UAS binds next, so the engine's INVITE reaches SIPp.
    for (const callee of [ANSWERS, BUSY, RINGS]) {
      const port = await freeSipPort();
      const phone = await Uac.open('udp', { host: '127.0.0.1', port: sipPort }, port);
      const registered = await phone.register(callee.number, callee.password, { contact: `<sip:${callee.number}@127.0.0.1:${port}>`, expires: 600 });
      phone.close();
      expect(registered.status).toBe(200);
      peers.uasPorts.set(callee.number, port);
    }
  });

  test.afterAll(async () => {
    for (const process of peers?.running ?? []) await process.stop('SIGKILL');
    peers?.admin.close();
    await peers?.engine.stop();
  });

  test('busy, cancelled and answered calls: history live, details, redial, active calls, presence, paging', async ({ page }) => {
    test.setTimeout(180_000);
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${peers.engine.url}/#/history`);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await expect(page.getByText('No calls yet.')).toBeVisible();
    // Set once; still there at the end proves every call below arrived without a reload.
    await page.evaluate(() => ((globalThis as unknown as BrowserGlobals).loadedOnce = true));

    // Busy: 1003's phone answers 486. The busy UAS stays up for the bulk calls at the end.
    const busyPhone = await startUas(peers, 'ui-uas-busy.xml', BUSY.number, 1 + BULK_CALLS);
    await call(peers, 'ui-uac-busy.xml', BUSY.number);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText('Reception 1001');
    await expect(rows(page).first()).toContainText('Support 1003');
    await expect(rows(page).first().getByTestId('call-outcome')).toHaveText('Busy');
    await expect(rows(page).first().getByTestId('call-duration')).toHaveCount(0);

    // Cancelled: 1004 rings, the caller gives up after 1.5 s.
    const ringingPhone = await startUas(peers, 'ui-uas-ring.xml', RINGS.number, 1);
    await call(peers, 'ui-uac-cancel.xml', RINGS.number, { holdMs: 1500 });
    expect((await ringingPhone.exited).code).toBe(0);
    await expect(rows(page)).toHaveCount(2);
    await expect(rows(page).first()).toContainText('Warehouse 1004');
    await expect(rows(page).first().getByTestId('call-outcome')).toHaveText('Cancelled');

    // Answered: 1002 answers and echoes the caller's media; the call is up for 12 s.
    await go(page, 'Admin');
    const activeCalls = page.getByTestId('active-calls');
    await expect(activeCalls).toContainText('No calls in progress.');
    const answeringPhone = await startUas(peers, 'ui-uas-answer.xml', ANSWERS.number, 1, ['-mi', '127.0.0.1', '-mp', String(await freeUdpPorts(4)), '-rtp_echo']);
    const answeredCall = await startUac(peers, 'ui-uac-call.xml', ANSWERS.number, { holdMs: 12_000 });
    const activeCall = activeCalls.getByTestId('active-call');
    await expect(activeCall).toHaveCount(1);
    await expect(activeCall).toContainText('Reception 1001');
    await expect(activeCall).toContainText('Sales 1002');
    await expect(activeCall).toContainText('Connected');
    await expect(activeCall).toContainText('PCMA');
    // The talk time runs: it reaches 0:02 while the page stays as it is.
    await expect(activeCall.getByTestId('active-call-timer')).toHaveText(/^0:0[2-9]$/, { timeout: 5000 });
    await screenshot(page, 'admin-active-call');

    await go(page, 'Presence');
    await expect(page.getByTestId(`presence-${CALLER.number}`)).toContainText('On a call');
    await expect(page.getByTestId(`presence-${ANSWERS.number}`)).toContainText('On a call');
    await expect(page.getByTestId(`presence-${BUSY.number}`)).toContainText('Available');
    await expect(page.getByText('2 of 4 available, 2 on a call')).toBeVisible();
    await screenshot(page, 'presence-on-call');

    // The caller hangs up: presence and the active calls card follow.
    const uacExit = await answeredCall.exited;
    expect(uacExit.code, answeredCall.output().slice(-3000)).toBe(0);
    expect((await answeringPhone.exited).code).toBe(0);
    await expect(page.getByTestId(`presence-${ANSWERS.number}`)).toContainText('Available');
    await expect(page.getByTestId(`presence-${CALLER.number}`)).toContainText('Offline');
    await go(page, 'Admin');
    await expect(activeCalls).toContainText('No calls in progress.');
    await expect(activeCall).toHaveCount(0);

    // History: newest first, the answered call with its talk time.
    await go(page, 'History');
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).getByTestId('call-outcome')).toHaveText(['Answered', 'Cancelled', 'Busy']);
    const answered = rows(page).first();
    await expect(answered).toContainText('Sales 1002');
    await expect(answered.getByTestId('call-duration')).toHaveText(/0:1[1-3]/);

    // Details: why it ended, the codec, and the packet counts the engine recorded.
    const [record] = (await peers.admin.call('calls.history', { limit: 1 })) as CallRecord[];
    expect(record).toMatchObject({ caller: CALLER.number, callee: ANSWERS.number, disposition: 'answered', hangupSide: 'caller' });
    // The capture SIPp plays has 236 packets; on loopback nearly all arrive, and the UAS echoes them back.
    expect(record!.callerLeg.packetsReceived).toBeGreaterThan(200);
    expect(record!.calleeLeg.packetsReceived).toBeGreaterThan(200);
    await answered.getByRole('button', { name: 'Details' }).click();
    const details = answered.getByTestId('call-details');
    await expect(details).toContainText('caller hung up · Ended by the caller');
    await expect(details).toContainText('PCMA/8000');
    expect(await legCells(details, `Caller (${CALLER.number})`)).toEqual([
      String(record!.callerLeg.packetsSent),
      String(record!.callerLeg.packetsReceived),
      String(record!.callerLeg.packetsLost),
      expect.stringMatching(/^\d+(\.\d)? %$/),
    ]);
    expect(await legCells(details, `Callee (${ANSWERS.number})`)).toEqual([
      String(record!.calleeLeg.packetsSent),
      String(record!.calleeLeg.packetsReceived),
      String(record!.calleeLeg.packetsLost),
      expect.stringMatching(/^\d+(\.\d)? %$/),
    ]);
    await expect(answered.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-expanded', 'true');
    await screenshot(page, 'history', { dark: true });

    // Filters: by extension (the engine's), by outcome (of the calls loaded).
    await page.getByLabel('Extension').selectOption(BUSY.number);
    await expect(rows(page).getByTestId('call-outcome')).toHaveText(['Busy']);
    await page.getByLabel('Extension').selectOption('');
    await expect(rows(page)).toHaveCount(3);
    await page.getByLabel('Outcome').selectOption('cancelled');
    await expect(rows(page).getByTestId('call-outcome')).toHaveText(['Cancelled']);
    await page.getByLabel('Outcome').selectOption('');
    await expect(rows(page)).toHaveCount(3);

    // Redial: the Phone view opens with the number filled in.
    await rows(page).first().getByRole('link', { name: `Call ${ANSWERS.number}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Phone' })).toBeVisible();
    await expect(page.getByLabel('Number, extension or SIP address')).toHaveValue(ANSWERS.number);
    await expect(page.getByTestId('dial-preview')).toHaveText(`Extension ${ANSWERS.number}`);
    await expect(page).toHaveURL(/#\/phone$/);
    expect(await page.evaluate(() => (globalThis as unknown as BrowserGlobals).loadedOnce)).toBe(true);

    // Paging: 50 more busy calls make 53 records; a fresh page shows 50, "Load more" the other 3.
    await call(peers, 'ui-uac-busy.xml', BUSY.number, { calls: BULK_CALLS });
    expect((await busyPhone.exited).code).toBe(0);
    await go(page, 'History');
    await expect(rows(page)).toHaveCount(50);
    await expect(page.getByText('50 calls loaded')).toBeVisible();
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(rows(page)).toHaveCount(3 + BULK_CALLS);
    await expect(rows(page).last().getByTestId('call-outcome')).toHaveText('Busy');
    await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
    await expect(page.getByText(`${3 + BULK_CALLS} calls loaded`)).toBeVisible();
    expect(cspViolations).toEqual([]);
  });

  test('a person who is not an administrator sees only their own calls, the missed one as missed', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`${peers.engine.url}/#/history`);
    await signIn(page, RINGS.number, RINGS.password);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first().getByTestId('call-outcome')).toHaveText('Missed');
    await expect(rows(page).first()).toContainText('Reception 1001');
    await expect(rows(page).first()).toContainText('You 1004');
    await expect(rows(page).first().getByRole('link', { name: `Call ${CALLER.number}` })).toBeVisible();
    await expect(page.getByLabel('Extension')).toHaveCount(0);
    await screenshot(page, 'history-user');

    // Another extension's call ends: the engine records it, and this person's list stays as it was.
    const before = ((await peers.admin.call('calls.history', { limit: 1 })) as CallRecord[])[0]!.id;
    await startUas(peers, 'ui-uas-busy.xml', BUSY.number, 1);
    await call(peers, 'ui-uac-busy.xml', BUSY.number);
    await expect.poll(async () => ((await peers.admin.call('calls.history', { limit: 1 })) as CallRecord[])[0]!.id).toBeGreaterThan(before);
    // A list that stays as it was cannot be waited for: give the event the time a live update takes here (a few ms), with margin.
    await page.waitForTimeout(500);
    await expect(rows(page)).toHaveCount(1);
  });
});
