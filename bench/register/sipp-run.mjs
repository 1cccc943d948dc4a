// One bounded SIPp 3.6.1 run of the digest REGISTER scenario over UDP.
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { startTracked, stopTracked } from './child-processes.mjs';
import { findFreePort } from './free-port.mjs';
import { cpuSeconds } from './proc-stats.mjs';
import { summarizeSippRun } from './sipp-output.mjs';

/** A registration not answered within this time is aborted and counts as failed (bounds the drain after overload). */
const RECV_TIMEOUT_MS = 4000;
const CPU_SAMPLE_MS = 200;

let runNumber = 0;

/**
 * Sends `calls` registrations at `rate` per second from the users in
 * `usersCsv` (cycled in order) and waits for them to finish.
 * Screen output and per-request logs stay off: only the periodic stat files are written.
 */
export async function runSipp({ scenario, usersCsv, workDir, serverPort, rate, calls }) {
  const runDir = join(workDir, `sipp-${String(++runNumber).padStart(3, '0')}`);
  mkdirSync(runDir, { recursive: true });
  const sipPort = await findFreePort();
  const mediaPort = await findFreePort({ offsets: [0, 2] });
  const controlPort = await findFreePort({ address: '0.0.0.0' }); // SIPp binds its control socket on all addresses
  const args = [
    '-sf', scenario, '-inf', usersCsv,
    '-i', '127.0.0.1', '-p', String(sipPort), '-mp', String(mediaPort), '-cp', String(controlPort),
    '-t', 'u1', `127.0.0.1:${serverPort}`,
    '-r', String(rate), '-rp', '1000', '-m', String(calls),
    '-l', String(Math.max(1000, rate)), // about a second of backlog before SIPp stops creating calls
    '-buff_size', '4194304', // the default 64 KB socket buffer drops packets from ~2000 req/s
    '-recv_timeout', String(RECV_TIMEOUT_MS),
    '-nostdin', '-trace_stat', '-trace_counts', '-fd', '1',
  ];
  const handle = startTracked('sipp', args, { cwd: runDir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  handle.child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));

  // SIPp's own CPU, sampled because its /proc entry disappears at exit.
  let sippCpuS = 0;
  const sampler = setInterval(() => (sippCpuS = Math.max(sippCpuS, cpuSeconds([handle.child.pid]))), CPU_SAMPLE_MS);
  const hardLimitMs = (calls / rate) * 1000 + RECV_TIMEOUT_MS + 15000;
  const watchdog = setTimeout(() => stopTracked(handle, 1000), hardLimitMs);
  const started = performance.now();
  const exit = await handle.exited;
  const wallS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearTimeout(watchdog);

  if (exit.error) throw new Error(`Could not start sipp: ${exit.error.message}`);
  const stem = `${basename(scenario, '.xml')}_${handle.child.pid}_`;
  let summary;
  try {
    summary = summarizeSippRun({
      statCsv: readFileSync(join(runDir, `${stem}.csv`), 'utf8'),
      countsCsv: readFileSync(join(runDir, `${stem}counts.csv`), 'utf8'),
      calls,
    });
  } catch (error) {
    throw new Error(`SIPp left no statistics (exit ${JSON.stringify(exit)}): ${stderr.trim() || error.message}`, { cause: error });
  }
  // Exit codes (sipp(1)): 0 all calls succeeded, 1 some failed; anything else is SIPp's own failure.
  const sippError = exit.code === 0 || exit.code === 1 ? null : `sipp exited with ${exit.signal ?? exit.code}: ${stderr.trim().split('\n').at(-1) ?? ''}`;
  return { rate, ...summary, sippCpuS, wallS, sippError };
}
