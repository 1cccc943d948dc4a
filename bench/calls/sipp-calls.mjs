// One bounded batch of calls: a SIPp 3.6.1 UAS (uas-answer.xml) on the port
// the callees registered from, and a SIPp UAC (uac-call.xml) placing `calls`
// calls at `rate`/s through the server, each held `holdMs`. SIPp sends no RTP.
// Per-message logging stays off; only the statistics files are written, plus,
// with `mediaLogs`, one line per answered call (see the scenarios), and with
// `errorLogs` SIPp's error files (which also get a line per call: the UAC's
// 100 ms wait for a late 180 ends in a logged timeout).
import dgram from 'node:dgram';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTracked, stopTracked } from '../register/child-processes.mjs';
import { findFreePort } from '../register/free-port.mjs';
import { parseSippCsv } from '../register/sipp-output.mjs';

const UAC_SCENARIO = new URL('./uac-call.xml', import.meta.url).pathname;
const UAS_SCENARIO = new URL('./uas-answer.xml', import.meta.url).pathname;
/** An expected message not seen within this time fails the call (bounds the drain after overload). */
const RECV_TIMEOUT_MS = 4000;
/** The UAS keeps a call this long after its BYE (timewait in uas-answer.xml). */
const UAS_TIMEWAIT_MS = 1000;
const READY_TIMEOUT_MS = 5000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** True once something (the SIPp UAS) holds the UDP port. */
function portTaken(port) {
  return new Promise((resolve) => {
    const probe = dgram.createSocket('udp4');
    probe.once('error', () => resolve(true));
    probe.bind(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

/** SIPp's own ports besides its SIP port: media (it binds P and P + 2) and the control socket (on all addresses). */
async function sippSidePorts() {
  return ['-mp', String(await findFreePort({ offsets: [0, 2] })), '-cp', String(await findFreePort({ address: '0.0.0.0' }))];
}

function startSipp(name, args, runDir) {
  const handle = startTracked('sipp', args, { cwd: runDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  handle.child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  return { name, handle, stderr: () => stderr.trim(), statFile: join(runDir, `${name}-stat.csv`) };
}

/** INVITE→200 time: the smallest ResponseTimeRepartition bound (ms) under which `fraction` of the calls fell. */
function responseTimeBoundMs(row, fraction) {
  const buckets = Object.entries(row)
    .filter(([column]) => column.startsWith('ResponseTimeRepartition1_'))
    .map(([column, count]) => ({ bound: column.slice('ResponseTimeRepartition1_'.length), count: Number(count) }));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  let seen = 0;
  for (const { bound, count } of buckets) {
    seen += count;
    if (total > 0 && seen >= fraction * total) return bound;
  }
  return null;
}

/** The last row of SIPp's -trace_stat file (written at exit). */
function summarize(sipp, exit, calls) {
  let row;
  try {
    row = parseSippCsv(readFileSync(sipp.statFile, 'utf8')).at(-1);
  } catch (error) {
    throw new Error(`SIPp ${sipp.name} left no statistics (exit ${JSON.stringify(exit)}): ${sipp.stderr() || error.message}`, { cause: error });
  }
  const epoch = (cell) => Number(cell.split('\t').pop());
  const successful = Number(row['SuccessfulCall(C)']);
  return {
    calls,
    started: Number(row[sipp.name === 'uac' ? 'OutgoingCall(C)' : 'IncomingCall(C)']),
    successful,
    failed: calls - successful,
    retransmissions: Number(row['Retransmissions(C)']),
    elapsedS: epoch(row.CurrentTime) - epoch(row.StartTime),
    setupTimeMs: { p50: responseTimeBoundMs(row, 0.5), p99: responseTimeBoundMs(row, 0.99) },
    // sipp(1): exit 0 = every call succeeded, 1 = some failed; anything else is SIPp's own failure.
    sippError: exit.code === 0 || exit.code === 1 ? null : `sipp ${sipp.name} exited with ${exit.error?.message ?? exit.signal ?? exit.code}: ${sipp.stderr().split('\n').at(-1) ?? ''}`,
  };
}

/**
 * Starts the UAS, waits until it holds `uasPort`, then starts the UAC.
 * Returns the log files (with `mediaLogs`) at once, and `done`: both summaries once both exited.
 */
export async function startCallBatch({ runDir, serverPort, uasPort, files, calls, rate, holdMs, mediaLogs = false, errorLogs = false }) {
  mkdirSync(runDir, { recursive: true });
  const logs = { uac: join(runDir, 'uac-media.log'), uas: join(runDir, 'uas-media.log') };
  const common = ['-i', '127.0.0.1', '-mi', '127.0.0.1', '-buff_size', '4194304', '-nostdin', '-trace_stat', '-fd', '1', ...(errorLogs ? ['-trace_err'] : [])];
  const logArgs = (name) => (mediaLogs ? ['-trace_logs', '-log_file', logs[name]] : []);
  const runS = calls / rate + holdMs / 1000 + RECV_TIMEOUT_MS / 1000 + 10; // SIPp's -timeout: it stops and writes its statistics

  const uas = startSipp(
    'uas',
    ['-sf', UAS_SCENARIO, '-inf', files.uas, '-p', String(uasPort), ...(await sippSidePorts()), ...common, '-stf', join(runDir, 'uas-stat.csv'), ...logArgs('uas'),
      '-m', String(calls), '-recv_timeout', String(holdMs + RECV_TIMEOUT_MS), '-timeout', `${Math.ceil(runS + UAS_TIMEWAIT_MS / 1000)}s`],
    runDir,
  );
  const deadline = performance.now() + READY_TIMEOUT_MS;
  let uasEarlyExit;
  uas.handle.exited.then((exit) => (uasEarlyExit = exit));
  while (!(await portTaken(uasPort))) {
    if (uasEarlyExit || performance.now() > deadline) {
      await stopTracked(uas.handle);
      throw new Error(`SIPp UAS did not bind 127.0.0.1:${uasPort} (${uasEarlyExit ? `exit ${JSON.stringify(uasEarlyExit)}` : 'timeout'}): ${uas.stderr()}`);
    }
    await sleep(50);
  }

  const uacPort = await findFreePort();
  const uac = startSipp(
    'uac',
    ['-sf', UAC_SCENARIO, '-inf', files.uac, '-p', String(uacPort), ...(await sippSidePorts()), ...common, '-stf', join(runDir, 'uac-stat.csv'), ...logArgs('uac'),
      `127.0.0.1:${serverPort}`, '-r', String(rate), '-rp', '1000', '-m', String(calls), '-l', String(calls), '-d', String(holdMs),
      '-recv_timeout', String(RECV_TIMEOUT_MS), '-timeout', `${Math.ceil(runS)}s`],
    runDir,
  );

  // Last resort if SIPp ignores its own -timeout.
  const watchdog = setTimeout(() => Promise.all([stopTracked(uac.handle, 1000), stopTracked(uas.handle, 1000)]), (runS + 15) * 1000);
  const done = (async () => {
    const uacExit = await uac.handle.exited;
    // The UAS ends by itself after its last call's timewait; a call that never reached it would keep it waiting.
    const uasDone = await Promise.race([uas.handle.exited, sleep(UAS_TIMEWAIT_MS + 3000).then(() => undefined)]);
    // Stopped by us: its calls that never came count as failed, not as a SIPp error.
    const uasExit = uasDone ?? { ...(await stopTracked(uas.handle, 2000)), code: 1 };
    clearTimeout(watchdog);
    return { rate, holdMs, uac: summarize(uac, uacExit, calls), uas: summarize(uas, uasExit, calls) };
  })();
  const stop = () => Promise.all([stopTracked(uac.handle, 1000), stopTracked(uas.handle, 1000)]);
  return { logs, done, stop };
}
