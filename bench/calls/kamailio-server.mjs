// Kamailio 5.6 (bench/calls/kamailio.cfg) with rtpengine (Debian
// rtpengine-daemon) anchoring the media: rtpengine in the foreground,
// userspace only (--table=-1: no kernel forwarding), RTP on 127.0.0.1 in a
// port range apart from Dialtone's and from the ephemeral ports the bench's
// generator and SIPp use; ng control on a free loopback UDP port.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTracked, stopTracked } from '../register/child-processes.mjs';
import { findFreePort } from '../register/free-port.mjs';
import { processTree } from '../register/proc-stats.mjs';

const CONFIG_TEMPLATE = new URL('./kamailio.cfg', import.meta.url);
/** Debian's kamailio package ships it; kamailio.cfg loads it from this folder (mpath). */
const RTPENGINE_MODULE = '/usr/lib/x86_64-linux-gnu/kamailio/modules/rtpengine.so';
/** Apart from Dialtone's and from the ephemeral ports the generator and SIPp use; as many as Dialtone gets. */
const RTPENGINE_PORTS = [10000, 14534];
const START_TIMEOUT_MS = 15_000;
const run = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `ready` until it resolves true; fails early when the process exits, or at the deadline. */
async function waitUntil(ready, { handle, what, logFile }) {
  let exited;
  handle.exited.then((result) => (exited = result));
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`${what} exited at start-up (${exited.error?.message ?? `exit ${exited.signal ?? exited.code}`}); ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-1500)}`);
    if (await ready().catch(() => false)) return;
    if (performance.now() > deadline) throw new Error(`${what} was not ready within ${START_TIMEOUT_MS / 1000} s; see ${logFile}`);
    await sleep(100);
  }
}

/** An ng "ping" (bencode over UDP, cookie first) answered with "pong". */
async function pingRtpengine(port) {
  const socket = dgram.createSocket('udp4');
  try {
    return await new Promise((resolve) => {
      socket.once('message', (reply) => resolve(reply.toString().includes('pong')));
      socket.send('bench d7:command4:pinge', port, '127.0.0.1');
      setTimeout(() => resolve(false), 300);
    });
  } finally {
    socket.close();
  }
}

async function startRtpengine(dir) {
  const ngPort = await findFreePort();
  const logFile = join(dir, 'rtpengine.log');
  const logFd = openSync(logFile, 'w');
  const handle = startTracked(
    'rtpengine',
    [
      '--config-file=none', // not /etc/rtpengine/rtpengine.conf (kernel table, fixed ports)
      '--foreground', '--log-stderr', '--log-level=4',
      '--table=-1', // userspace forwarding only
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${ngPort}`,
      `--port-min=${RTPENGINE_PORTS[0]}`, `--port-max=${RTPENGINE_PORTS[1]}`,
      '--timeout=60',
      '--delete-delay=0', // free a call's ports at once, as Dialtone does (default: 30 s later, which runs the range dry under a rate search)
      `--pidfile=${join(dir, 'run', 'rtpengine.pid')}`,
    ],
    { stdio: ['ignore', logFd, logFd] },
  );
  try {
    await waitUntil(() => pingRtpengine(ngPort), { handle, what: 'rtpengine', logFile });
  } catch (error) {
    await stopTracked(handle);
    throw error;
  }
  return { handle, ngPort, logFile };
}

export async function startKamailio({ workDir, users }) {
  if (!existsSync(RTPENGINE_MODULE)) throw new Error(`Kamailio's rtpengine module is missing (${RTPENGINE_MODULE}): the bench anchors Kamailio's calls with rtpengine_manage().`);
  const dir = mkdtempSync(join(workDir, 'kamailio-'));
  mkdirSync(join(dir, 'run'));
  cpSync(users.kamailioDbDir, join(dir, 'db'), { recursive: true });
  const rtpengine = await startRtpengine(dir);
  const sipPort = await findFreePort();
  const config = readFileSync(CONFIG_TEMPLATE, 'utf8').replaceAll('@DIR@', dir).replaceAll('@SIP_PORT@', String(sipPort)).replaceAll('@NG_PORT@', String(rtpengine.ngPort));
  const configPath = join(dir, 'kamailio.cfg');
  writeFileSync(configPath, config);

  const logFile = join(dir, 'kamailio.log');
  const logFd = openSync(logFile, 'w');
  const handle = startTracked('kamailio', ['-f', configPath, '-P', join(dir, 'run', 'kamailio.pid'), '-DD', '-E', '-n', '8', '-m', '256', '-M', '16'], {
    stdio: ['ignore', logFd, logFd],
  });
  const stop = async () => {
    await stopTracked(handle);
    await stopTracked(rtpengine.handle);
  };
  try {
    const control = `unix:${join(dir, 'run', 'kamailio_ctl')}`;
    await waitUntil(() => run('kamcmd', ['-s', control, 'core.uptime'], { timeout: 2000 }).then(() => true), { handle, what: 'Kamailio', logFile });
    // The control socket answers before every worker has forked: wait until the process tree stops growing.
    let previous = -1;
    while (processTree(handle.child.pid).length !== previous) {
      previous = processTree(handle.child.pid).length;
      await sleep(300);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name: 'kamailio',
    sipPort,
    logFile,
    /** Kamailio's processes and rtpengine's (whose /proc/PID/stat counts all its threads). */
    pids: () => [...processTree(handle.child.pid), ...processTree(rtpengine.handle.child.pid)],
    stop,
  };
}
