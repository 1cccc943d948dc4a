// Dialtone as its users run it: `dialtone ext import` into a fresh data dir,
// then `dialtone serve` on a free loopback SIP port, media relayed in its
// worker threads.
import { createWriteStream, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { startTracked, stopTracked, waitForLine } from '../register/child-processes.mjs';
import { importExtensions } from '../register/dialtone-server.mjs';
import { findFreePort } from '../register/free-port.mjs';
import { processTree } from '../register/proc-stats.mjs';

const START_TIMEOUT_MS = 30_000;
/**
 * Not the default 20000-29999: on a shared machine other programs (other
 * Dialtones, bench/relay) bind there, and every port the relay finds taken
 * costs it a file descriptor (see the bench README). Above Linux's ephemeral
 * range (32768-60999), where the generator's and SIPp's ports come from.
 * The same number of ports as rtpengine gets (kamailio-server.mjs).
 */
const DIALTONE_RTP_PORTS = [61000, 65534];

export async function startDialtone({ repoDir, workDir, users }) {
  const runDir = mkdtempSync(join(workDir, 'dialtone-'));
  const dataDir = join(runDir, 'data');
  await importExtensions(repoDir, dataDir, users.dialtoneImport);
  const port = await findFreePort({ protocols: ['udp', 'tcp'] });
  const handle = startTracked(
    process.execPath,
    ['bin/dialtone.js', 'serve', '--data-dir', dataDir, '--http-port', '0', '--sip-port', String(port), '--rtp-ports', DIALTONE_RTP_PORTS.join('-'), '--log-level', 'warn'],
    { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logFile = join(runDir, 'console.log');
  const log = createWriteStream(logFile);
  handle.child.stdout.pipe(log);
  handle.child.stderr.pipe(log);
  try {
    const sip = await waitForLine(handle.child.stdout, /SIP:.* UDP (\d+)/, { exited: handle.exited, timeoutMs: START_TIMEOUT_MS, what: 'Dialtone "SIP:" line' });
    const pid = handle.child.pid;
    return {
      name: 'dialtone',
      sipPort: Number(sip[1]),
      logFile: join(dataDir, 'logs', 'engine.log'),
      /** The engine process; /proc/PID/stat counts all its threads (the media relay workers too). */
      pids: () => processTree(pid),
      stop: () => stopTracked(handle),
    };
  } catch (error) {
    await stopTracked(handle);
    throw error;
  }
}
