// Call setup rate: the highest rate (calls/s) a server completes with no
// failed call, from a bounded rate search (bench/register/rate-search.mjs).
// Calls carry SDP (so both servers open a relay session per call) but no RTP.
import { join } from 'node:path';
import { cpuSeconds } from '../register/proc-stats.mjs';
import { searchMaxRate } from '../register/rate-search.mjs';
import { startCallBatch } from './sipp-calls.mjs';

/** A step whose calls completed at less than this share of the target rate fails: SIPp or the server fell behind. */
export const MIN_ACHIEVED_FRACTION = 0.9;
/** After the answer, uac-call.xml waits this long for a 180 that a parallel proxy forwarded late. */
const LATE_PROVISIONAL_WAIT_MS = 100;
const IDLE_CPU_FRACTION = 0.05;
const COOLDOWN_LIMIT_MS = 5000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the server is idle again, so a failed step's backlog does not weigh on the next (at most 5 s). */
export async function coolDown(server) {
  const deadline = performance.now() + COOLDOWN_LIMIT_MS;
  for (;;) {
    const before = cpuSeconds(server.pids());
    await sleep(300);
    if (cpuSeconds(server.pids()) - before < IDLE_CPU_FRACTION * 0.3 || performance.now() > deadline) return;
  }
}

function verdict({ uac, uas }, rate) {
  const sippError = uac.sippError ?? uas.sippError;
  if (sippError) return sippError;
  if (uac.failed > 0 || uas.failed > 0) return `${uac.failed} of ${uac.calls} calls failed (callee side: ${uas.failed})`;
  if (uac.achievedRate < MIN_ACHIEVED_FRACTION * rate) return `achieved ${Math.round(uac.achievedRate)}/s`;
  return null;
}

async function runRateStep({ server, uasPort }, context, rate) {
  const { profile, workDir, files, keep } = context;
  await coolDown(server);
  const calls = Math.round(rate * profile.rateStepSeconds);
  const cpuBefore = cpuSeconds(server.pids());
  const batch = await startCallBatch({ runDir: join(workDir, `rate-${rate}`), serverPort: server.sipPort, uasPort, files, calls, rate, holdMs: profile.holdMs, errorLogs: keep });
  const result = await batch.done;
  const serverCpuS = cpuSeconds(server.pids()) - cpuBefore;
  // Calls were placed during the run less the hold of the last one (-d, plus the 100 ms uac-call.xml waits for a late 180).
  result.uac.achievedRate = result.uac.successful / Math.max(0.001, result.uac.elapsedS - (profile.holdMs + LATE_PROVISIONAL_WAIT_MS) / 1000);
  const failure = verdict(result, rate);
  return {
    ...result,
    calls,
    serverCpuS,
    serverCpuPercent: (100 * serverCpuS) / result.uac.elapsedS,
    cpuMsPerCall: result.uac.successful > 0 ? (1000 * serverCpuS) / result.uac.successful : null,
    pass: failure === null,
    failure,
  };
}

/**
 * A step after a failed one runs on a freshly started server (`context.restart()`):
 * calls an overloaded server kept (waiting for an ACK, a BYE or the ring
 * timeout, up to a minute) would otherwise fail the next step too.
 */
export function searchSetupRate(context) {
  let previousFailed = false;
  return searchMaxRate(async (rate) => {
    if (previousFailed) await context.restart();
    const step = await runRateStep(context.target(), context, rate);
    previousFailed = !step.pass;
    context.onStep(step);
    return step;
  }, context.profile.search);
}
