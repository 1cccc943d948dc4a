// Starts Dialtone as its users would: `dialtone ext import`, then `dialtone serve`
// on a fresh data dir, and exposes what the bench measures about it.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { startTracked, stopTracked, waitForLine } from './child-processes.mjs';
import { collectGarbageAndMeasure } from './dialtone-inspector.mjs';
import { dialtoneStatusClient } from './dialtone-status.mjs';
import { findFreePort } from './free-port.mjs';
import { processTree, pssBytes, rssBytes } from './proc-stats.mjs';

const START_TIMEOUT_MS = 30000;
/**
 * A UDP non-INVITE server transaction stays in Completed state for Timer J =
 * 64*T1 = 32 s (RFC 3261 §17.2.2, Dialtone's T1 is 500 ms), holding its request
 * and response; memory is read once those of earlier load have ended.
 */
const TRANSACTION_LINGER_MS = 64 * 500 + 2000;
const SETTLE_AFTER_GC_MS = 500;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `dialtone ext import` of a CSV into a data dir, as a user sets up many extensions. */
export async function importExtensions(repoDir, dataDir, csv) {
  const handle = startTracked(process.execPath, ['bin/dialtone.js', 'ext', 'import', csv, '--data-dir', dataDir], { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  handle.child.stdout.on('data', (chunk) => (output += chunk));
  handle.child.stderr.on('data', (chunk) => (output += chunk));
  const exit = await handle.exited;
  if (exit.code !== 0) throw new Error(`dialtone ext import failed (${JSON.stringify(exit)}): ${output.trim()}`);
}

export async function startDialtone({ repoDir, workDir, users }) {
  const dataDir = join(workDir, 'dialtone-data');
  await importExtensions(repoDir, dataDir, users.dialtoneImport);

  const adminPassword = randomBytes(12).toString('hex');
  const port = await findFreePort({ protocols: ['udp', 'tcp'] });
  const handle = startTracked(
    process.execPath,
    // The inspector is only there to force a GC before memory readings; no session is attached during load.
    ['--inspect=127.0.0.1:0', 'bin/dialtone.js', 'serve', '--data-dir', dataDir, '--http-port', '0', '--sip-port', String(port), '--log-level', 'warn'],
    { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DIALTONE_ADMIN_PASSWORD: adminPassword } },
  );
  const log = createWriteStream(join(workDir, 'dialtone.console.log'));
  handle.child.stdout.pipe(log);
  handle.child.stderr.pipe(log);
  try {
    const waitOptions = { exited: handle.exited, timeoutMs: START_TIMEOUT_MS };
    const [inspector, web, sip] = await Promise.all([
      waitForLine(handle.child.stderr, /Debugger listening on (ws:\/\/\S+)/, { ...waitOptions, what: 'Dialtone inspector' }),
      waitForLine(handle.child.stdout, /Web UI:\s+(http:\/\/\S+)/, { ...waitOptions, what: 'Dialtone "Web UI:" line' }),
      waitForLine(handle.child.stdout, /SIP:.* UDP (\d+)/, { ...waitOptions, what: 'Dialtone "SIP:" line' }),
    ]);
    const inspectorUrl = inspector[1];
    const status = dialtoneStatusClient(web[1], adminPassword);
    const pid = handle.child.pid;
    return {
      name: 'dialtone',
      sipPort: Number(sip[1]),
      logFile: join(workDir, 'dialtone.console.log'),
      transactionLingerMs: TRANSACTION_LINGER_MS,
      pids: () => processTree(pid),
      bindings: () => status.registrations(),
      /** After a forced full GC: VmRSS and PSS from /proc, and V8's heap and external figures from process.memoryUsage(). */
      async memory() {
        const usage = await collectGarbageAndMeasure(inspectorUrl);
        await sleep(SETTLE_AFTER_GC_MS);
        const pids = processTree(pid);
        return { rssBytes: rssBytes(pids), pssBytes: pssBytes(pids), jsHeapUsedBytes: usage.heapUsed, externalBytes: usage.external };
      },
      stop: () => stopTracked(handle),
    };
  } catch (error) {
    await stopTracked(handle);
    throw error;
  }
}
