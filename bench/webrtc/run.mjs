#!/usr/bin/env node
// WebRTC bridge benchmark: N concurrent calls from WebRTC endpoints (werift's
// RTCPeerConnection, real ICE/DTLS/SRTP, in their own process) through the
// engine (`dialtone serve`, signalled over SIP) to a plain-RTP phone (SIPp,
// echoing); and the same N from plain RTP endpoints, as the baseline of a
// plain bridge in the same harness. Per N and kind: the engine's CPU per
// call, loss, dial → ringing, media set-up, memory per call; and our SRTP
// against werift's on the same packets.
// `npm run bench:webrtc [-- --quick] [-- --calls 10,20,40]`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { machineBusySeconds } from '../relay/system-cpu.mjs';
import { startTracked, stopTracked, stopTrackedOnExit } from '../register/child-processes.mjs';
import { startDialtone } from '../register/dialtone-server.mjs';
import { ensureBuilt } from '../register/dist-build.mjs';
import { describeHost } from '../register/machine-info.mjs';
import { cpuSeconds } from '../register/proc-stats.mjs';
import { resultsDir, writeResults } from '../register/results-file.mjs';
import { startEchoPhone } from './echo-phone.mjs';
import { formatReport } from './report.mjs';

const HELP = `Usage: node bench/webrtc/run.mjs [--quick] [--calls 10,20,40]
  --quick   10 and 20 calls, shorter windows (about a minute)
  --calls   the numbers of concurrent calls to measure (default 10,20,40)`;
const FULL = { name: 'full', calls: [10, 20, 40], warmupMs: 2000, measureMs: 10_000 };
const QUICK = { name: 'quick', calls: [10, 20], warmupMs: 1000, measureMs: 4000 };
const CALLER = { user: '2000', password: 'bench-webrtc-caller' };
const CALLEE_PASSWORD = 'bench-webrtc-phone';
const REPLY_TIMEOUT_MS = 120_000;
/** The engine runs one relay worker per CPU. */
const WARM_UP_CALLS = availableParallelism();

const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Each step (0: the warm-up) rings its own callee extension, so no binding of an earlier step's SIPp is rung. */
const KINDS = ['rtp', 'webrtc'];
const calleeFor = (step) => ({ user: `3${String(step).padStart(3, '0')}`, password: CALLEE_PASSWORD });

function parseOptions(argv) {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean' }, calls: { type: 'string' }, help: { type: 'boolean' } } });
  const profile = values.quick ? QUICK : FULL;
  const calls = values.calls ? values.calls.split(',').map(Number) : profile.calls;
  if (calls.some((n) => !Number.isInteger(n) || n < 1 || n > 200)) throw new Error(`--calls takes numbers 1–200.\n\n${HELP}`);
  return { help: values.help, profile: { ...profile, calls } };
}

function startCallers() {
  const tracked = startTracked(process.execPath, [fileURLToPath(new URL('./callers.mjs', import.meta.url))], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const request = (message, replyType) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`callers: no "${replyType}" within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
      const onMessage = (reply) => {
        if (reply.type !== replyType) return;
        clearTimeout(timer);
        tracked.child.off('message', onMessage);
        resolve(reply);
      };
      tracked.child.on('message', onMessage);
      tracked.exited.then((result) => reject(new Error(`callers exited: ${JSON.stringify(result)}`)));
      if (message) tracked.child.send(message);
    });
  return { tracked, pid: tracked.child.pid, request };
}

async function measureStep(kind, calls, callee, { engine, callers, profile, workDir }) {
  const phone = await startEchoPhone({ serverPort: engine.sipPort, callee, calls, workDir, timeoutSeconds: 180 });
  try {
    const before = await engine.memory();
    const setup = await callers.request({ type: 'connect', kind, calls, serverPort: engine.sipPort, ...CALLER, target: callee.user }, 'connected');
    const after = await engine.memory();
    const sample = () => ({ at: performance.now(), engine: cpuSeconds(engine.pids()), callers: cpuSeconds([callers.pid]), sipp: cpuSeconds([phone.pid]), machine: machineBusySeconds() });
    const measured = callers.request({ type: 'measure', warmupMs: profile.warmupMs, measureMs: profile.measureMs }, 'measured');
    await sleep(profile.warmupMs);
    const first = sample();
    await sleep(profile.measureMs);
    const last = sample();
    const { sent, received } = await measured;
    await callers.request({ type: 'hangup' }, 'closed');
    const sipp = await phone.finished();
    const seconds = (last.at - first.at) / 1000;
    const percent = (key) => ((last[key] - first[key]) / seconds) * 100;
    const engineCpuPercent = percent('engine');
    return {
      kind,
      calls,
      engineCpuPercent,
      cpuPerCallPercent: engineCpuPercent / calls,
      callersCpuPercent: percent('callers'),
      sippCpuPercent: percent('sipp'),
      otherCpuPercent: Math.max(0, percent('machine') - engineCpuPercent - percent('callers') - percent('sipp')),
      sent,
      received,
      lossPercent: sent > 0 ? ((sent - received) / sent) * 100 : NaN,
      ringingMs: setup.ringingMs,
      answeredMs: setup.answeredMs,
      mediaMs: setup.mediaMs,
      memoryPerCallBytes: (after.rssBytes - before.rssBytes) / calls,
      sippExit: sipp.code,
    };
  } finally {
    await phone.stop();
  }
}

/** The engine's CPU with no call up, % of one core: what every step's figure includes regardless of calls. */
async function engineIdleCpu(engine, measureMs) {
  const first = { at: performance.now(), cpu: cpuSeconds(engine.pids()) };
  await sleep(measureMs);
  return ((cpuSeconds(engine.pids()) - first.cpu) / ((performance.now() - first.at) / 1000)) * 100;
}

async function main() {
  const { help, profile } = parseOptions(process.argv.slice(2));
  if (help) return console.log(HELP);
  stopTrackedOnExit();

  ensureBuilt(repoDir);
  const machine = describeHost();
  const workDir = mkdtempSync(join(tmpdir(), 'dialtone-bench-webrtc-'));
  const csv = join(workDir, 'extensions.csv');
  const steps = 1 + KINDS.length * profile.calls.length;
  const callees = Array.from({ length: steps }, (_, step) => calleeFor(step));
  writeFileSync(csv, [`${CALLER.user},WebRTC caller,${CALLER.password}`, ...callees.map((c) => `${c.user},Echo phone,${c.password}`)].join('\n') + '\n');
  // Inside the repository (bench/results is git-ignored), so that werift, left external, resolves from its node_modules.
  const compareFile = join(resultsDir(repoDir), `.srtp-compare-${process.pid}.mjs`);
  await build({ entryPoints: [join(repoDir, 'bench', 'webrtc', 'srtp-compare.ts')], outfile: compareFile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });

  const engine = await startDialtone({ repoDir, workDir, users: { dialtoneImport: csv } });
  const callers = startCallers();
  try {
    await callers.request(undefined, 'ready');
    console.log(`WebRTC bridge benchmark (${profile.name}): ${profile.calls.join(', ')} calls; engine pids ${engine.pids().join(',')}, callers pid ${callers.pid}`);
    // A call per relay worker first: each worker loads its DTLS stack on its first WebRTC leg, not a per-call cost.
    await measureStep('webrtc', WARM_UP_CALLS, calleeFor(0), { engine, callers, profile: { ...profile, warmupMs: 200, measureMs: 500 }, workDir });
    const idleCpuPercent = await engineIdleCpu(engine, profile.measureMs);
    console.log(`  no calls: engine CPU ${idleCpuPercent.toFixed(1)} % (timers, housekeeping)`);
    const rows = [];
    let step = 0;
    for (const calls of profile.calls) {
      for (const kind of KINDS) {
        const row = await measureStep(kind, calls, calleeFor(++step), { engine, callers, profile, workDir });
        row.cpuPerCallAboveIdlePercent = (row.engineCpuPercent - idleCpuPercent) / calls;
        console.log(`  ${calls} ${kind} calls: engine CPU ${row.engineCpuPercent.toFixed(1)} % (${row.cpuPerCallAboveIdlePercent.toFixed(3)} %/call above idle), loss ${row.lossPercent.toFixed(3)} %`);
        rows.push(row);
      }
    }
    const { compareSrtp } = await import(pathToFileURL(compareFile).href);
    const srtp = compareSrtp();
    console.log(formatReport({ machine, profile, idleCpuPercent, rows, srtp }));
    writeResults(repoDir, 'webrtc', { machine, profile, idleCpuPercent, rows, srtp });
  } finally {
    await Promise.all([stopTracked(callers.tracked, 2000), engine.stop()]);
    rmSync(workDir, { recursive: true, force: true });
    rmSync(compareFile, { force: true });
  }
}

main().catch((error) => {
  console.error(`\nBenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
