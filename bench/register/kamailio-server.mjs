// Starts the reference Kamailio 5.6 registrar of /work/shared/sip/peers on a
// free loopback port, with the bench's users, and exposes what the bench measures.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTracked, stopTracked } from './child-processes.mjs';
import { findFreePort } from './free-port.mjs';
import { processTree, pssBytes, rssBytes } from './proc-stats.mjs';

const REFERENCE_CONFIG = '/work/shared/sip/peers/kamailio.cfg';
const REFERENCE_PORT = '5070';
const START_TIMEOUT_MS = 15000;
const SETTLE_MS = 1000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

/**
 * The reference config with only what must differ: our folder, our port, and
 * an htable with one slot per user (the reference size=10, 1024 slots, was
 * chosen for 1,000 users; 2^size >= users keeps lookups O(1) as a real deployment would).
 */
function writeConfig(dir, port, userCount) {
  const htableBits = Math.ceil(Math.log2(userCount));
  const config = readFileSync(REFERENCE_CONFIG, 'utf8')
    .replaceAll('@HARNESS_DIR@', dir)
    .replaceAll(`127.0.0.1:${REFERENCE_PORT}`, `127.0.0.1:${port}`)
    .replaceAll(`localhost:${REFERENCE_PORT}`, `localhost:${port}`)
    .replace('users=>size=10;', `users=>size=${htableBits};`);
  if (config.includes(REFERENCE_PORT) || config.includes('@HARNESS_DIR@') || !config.includes(`size=${htableBits};`)) {
    throw new Error(`${REFERENCE_CONFIG} changed: the bench could not adapt it (port, folder or htable size).`);
  }
  const path = join(dir, 'kamailio.cfg');
  writeFileSync(path, config);
  return path;
}

/** kamcmd output is "name: value" lines (core.shmmem) or "group:name = value" lines (stats). */
function numbersIn(text) {
  return Object.fromEntries([...text.matchAll(/([\w:]+)\s*[:=]\s*(\d+)\s*$/gm)].map(([, name, value]) => [name, Number(value)]));
}

export async function startKamailio({ workDir, users }) {
  const dir = join(workDir, 'kamailio');
  mkdirSync(join(dir, 'run'), { recursive: true });
  cpSync(users.kamailioDbDir, join(dir, 'db'), { recursive: true }); // the config reads its db_text tables from @HARNESS_DIR@/db
  const port = await findFreePort({ protocols: ['udp', 'tcp'] });
  const configPath = writeConfig(dir, port, users.total);
  const control = `unix:${join(dir, 'run', 'kamailio_ctl')}`;
  const kamcmd = async (...command) => (await run('kamcmd', ['-s', control, ...command], { timeout: 5000 })).stdout;

  const logFile = join(dir, 'kamailio.log');
  const logFd = openSync(logFile, 'w');
  const handle = startTracked(
    'kamailio',
    ['-f', configPath, '-P', join(dir, 'run', 'kamailio.pid'), '-DD', '-E', '-n', '8', '-m', '256', '-M', '16'],
    { stdio: ['ignore', logFd, logFd] }, // -E sends the log to stderr: here, a file
  );
  let exited;
  handle.exited.then((result) => (exited = result));
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`Kamailio exited at start-up (${exited.error?.message ?? `exit ${exited.signal ?? exited.code}`}); see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-1500)}`);
    if (performance.now() > deadline) {
      await stopTracked(handle);
      throw new Error(`Kamailio did not answer on ${control} within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`);
    }
    if (await kamcmd('core.uptime').then(() => true, () => false)) break;
    await sleep(100);
  }
  const pid = handle.child.pid;
  // The control socket answers before every worker has forked; wait until the process tree stops growing.
  let previousCount = -1;
  while (processTree(pid).length !== previousCount && performance.now() < deadline) {
    previousCount = processTree(pid).length;
    await sleep(300);
  }

  return {
    name: 'kamailio',
    sipPort: port,
    logFile,
    // The reference config answers REGISTER statelessly (sl, auth_challenge) with HMAC nonces: nothing outlives a request.
    transactionLingerMs: 0,
    pids: () => processTree(pid),
    bindings: async () => numbersIn(await kamcmd('stats.get_statistics', 'usrloc:'))['usrloc:location_contacts'],
    /** Shared memory as Kamailio's allocator counts it (core.shmmem), plus VmRSS and PSS summed over all its processes. */
    async memory() {
      await sleep(SETTLE_MS);
      const shm = numbersIn(await kamcmd('core.shmmem'));
      const pids = processTree(pid);
      return { shmUsedBytes: shm.used, shmRealUsedBytes: shm.real_used, rssBytes: rssBytes(pids), pssBytes: pssBytes(pids), processes: pids.length };
    },
    stop: () => stopTracked(handle),
  };
}
