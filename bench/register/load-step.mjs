// One step of the rate search: a fixed rate for a fixed time, with the
// server's CPU measured over exactly that SIPp run.
import { cpuSeconds, pssBytes, rssBytes, udpBufferDrops } from './proc-stats.mjs';
import { runSipp } from './sipp-run.mjs';

export const MAX_FAILED_FRACTION = 0.001;
export const MIN_ACHIEVED_FRACTION = 0.95;
const IDLE_CPU_FRACTION = 0.05; // of one core
const IDLE_WINDOW_MS = 300;
const COOLDOWN_LIMIT_MS = 5000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function verdict(run) {
  if (run.sippError) return run.sippError;
  if (run.failed / run.calls >= MAX_FAILED_FRACTION) return `${run.failed} of ${run.calls} failed`;
  if (run.achievedRate < MIN_ACHIEVED_FRACTION * run.rate) return `achieved ${Math.round(run.achievedRate)}/s`;
  return null;
}

/**
 * Waits until the server is idle again (a failed step leaves retransmissions
 * and queued work behind), so the next step starts from the same state.
 */
async function coolDown(server) {
  const deadline = performance.now() + COOLDOWN_LIMIT_MS;
  for (;;) {
    const before = cpuSeconds(server.pids());
    await sleep(IDLE_WINDOW_MS);
    if (cpuSeconds(server.pids()) - before < (IDLE_CPU_FRACTION * IDLE_WINDOW_MS) / 1000 || performance.now() > deadline) return;
  }
}

/** Runs SIPp at `rate` for `seconds` against `server` and judges the step. */
export async function runLoadStep(server, sipp, { rate, seconds }) {
  await coolDown(server);
  const cpuBefore = cpuSeconds(server.pids());
  const dropsBefore = udpBufferDrops();
  const run = await runSipp({ ...sipp, serverPort: server.sipPort, rate, calls: Math.round(rate * seconds) });
  const pids = server.pids();
  const serverCpuS = cpuSeconds(pids) - cpuBefore;
  const dropsAfter = udpBufferDrops();
  const failure = verdict(run);
  return {
    ...run,
    serverCpuS,
    udpBufferDrops: { receive: dropsAfter.receive - dropsBefore.receive, send: dropsAfter.send - dropsBefore.send },
    // Memory at the end of the load, per-request state included (not settled, unlike the memory test).
    serverRssBytes: rssBytes(pids),
    serverPssBytes: pssBytes(pids),
    serverCpuPercent: (100 * serverCpuS) / run.wallS, // both measured around the whole SIPp process
    cpuMicrosPerRegistration: run.successful > 0 ? (1e6 * serverCpuS) / run.successful : null,
    sippCpuPercent: (100 * run.sippCpuS) / run.wallS,
    pass: failure === null,
    failure,
  };
}
