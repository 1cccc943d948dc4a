#!/usr/bin/env node
// RTP relay benchmark: N concurrent simulated G.711 calls through one
// MediaRelay in a dedicated process; the calls come from another process
// (call-generator.mjs). Per N: forwarded packets/s, relay CPU per call,
// loss, and added one-way latency (relayed minus a direct-path baseline
// measured the same way). `npm run bench:relay [-- --quick]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { startTracked, stopTracked, stopTrackedOnExit } from '../register/child-processes.mjs';
import { ensureBuilt } from '../register/dist-build.mjs';
import { describeHost } from '../register/machine-info.mjs';
import { cpuSeconds } from '../register/proc-stats.mjs';
import { writeResults } from '../register/results-file.mjs';
import { formatReport } from './report.mjs';
import { machineBusySeconds } from './system-cpu.mjs';

const HELP = `Usage: node bench/relay/run.mjs [--quick] [--calls 100,200] [--workers N]
  --quick    100 and 300 calls, shorter steps (under 40 s)
  --calls    the numbers of concurrent calls to measure (default 100,200,300,400,600)
  --workers  relay worker threads (default: number of CPUs)`;

const FULL = { name: 'full', calls: [100, 200, 300, 400, 600], warmupMs: 1000, measureMs: 5000, directMeasureMs: 2000 };
const QUICK = { name: 'quick', calls: [100, 300], warmupMs: 500, measureMs: 3000, directMeasureMs: 1500 };
/** The relay's RTP ports; a pair some other program holds is skipped by the relay. */
const PORT_RANGE = [20000, 39999];
const REPLY_TIMEOUT_MS = 30_000;

const repoDir = fileURLToPath(new URL('../..', import.meta.url));
const workerFile = join(repoDir, 'dist', 'main', 'media-relay-worker.js');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseOptions(argv) {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean' }, calls: { type: 'string' }, workers: { type: 'string' }, help: { type: 'boolean' } } });
  const profile = values.quick ? QUICK : FULL;
  const calls = values.calls ? values.calls.split(',').map(Number) : profile.calls;
  if (calls.some((n) => !Number.isInteger(n) || n < 1 || n > 2000)) throw new Error(`--calls takes numbers 1–2000.\n\n${HELP}`);
  const workers = values.workers ? Number(values.workers) : availableParallelism();
  return { help: values.help, profile: { ...profile, calls }, workers };
}

/** A child process spoken to over IPC: request() sends a message and waits for the reply of the given type. */
function startChild(file, args) {
  const tracked = startTracked(process.execPath, [file, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const request = (message, replyType) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${file}: no "${replyType}" within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
      const onMessage = (reply) => {
        if (reply.type !== replyType) return;
        clearTimeout(timer);
        tracked.child.off('message', onMessage);
        resolve(reply);
      };
      tracked.child.on('message', onMessage);
      tracked.exited.then((result) => reject(new Error(`${file} exited: ${JSON.stringify(result)}`)));
      if (message) tracked.child.send(message);
    });
  return { tracked, pid: tracked.child.pid, request };
}

/** CPU seconds so far of the relay process (all its threads), the generator and the whole machine, and the packets forwarded. */
async function sample(relay, generator) {
  const { forwarded } = await relay.request({ type: 'counters' }, 'counters');
  return { at: performance.now(), relayCpu: cpuSeconds([relay.pid]), generatorCpu: cpuSeconds([generator.pid]), machineCpu: machineBusySeconds(), forwarded };
}

async function measureStep(calls, { relay, generator, profile }) {
  const { ports } = await generator.request({ type: 'setup', calls }, 'ports');
  const run = (targets, measureMs) => generator.request({ type: 'run', targets, warmupMs: profile.warmupMs, measureMs }, 'result');

  const direct = await run(
    ports.map(([a, b]) => [b, a]),
    profile.directMeasureMs,
  );
  const { legs } = await relay.request({ type: 'open', remotes: ports }, 'opened');
  const relayedRun = run(legs, profile.measureMs);
  await sleep(profile.warmupMs);
  const first = await sample(relay, generator);
  await sleep(profile.measureMs - (performance.now() - first.at));
  const last = await sample(relay, generator);
  const relayed = await relayedRun;
  await relay.request({ type: 'close-all' }, 'closed');
  await generator.request({ type: 'teardown' }, 'closed');

  const seconds = (last.at - first.at) / 1000;
  const percentOfOneCore = (key) => ((last[key] - first[key]) / seconds) * 100;
  const relayCpuPercent = percentOfOneCore('relayCpu');
  const generatorCpuPercent = percentOfOneCore('generatorCpu');
  return {
    calls,
    forwardedPerSecond: (last.forwarded - first.forwarded) / seconds,
    relayCpuPercent,
    generatorCpuPercent,
    otherCpuPercent: Math.max(0, percentOfOneCore('machineCpu') - relayCpuPercent - generatorCpuPercent),
    cpuPerCallPercent: relayCpuPercent / calls,
    lossPercent: ((relayed.sent - relayed.received) / relayed.sent) * 100,
    addedP50Ms: relayed.p50Ms - direct.p50Ms,
    addedP99Ms: relayed.p99Ms - direct.p99Ms,
    relayed,
    direct,
  };
}

async function main() {
  const { help, profile, workers } = parseOptions(process.argv.slice(2));
  if (help) return console.log(HELP);
  stopTrackedOnExit();

  ensureBuilt(repoDir);
  const machine = describeHost();
  const workDir = mkdtempSync(join(tmpdir(), 'dialtone-bench-relay-'));
  const hostFile = join(workDir, 'relay-host.mjs');
  await build({ entryPoints: [join(repoDir, 'bench', 'relay', 'relay-host.ts')], outfile: hostFile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });

  const relay = startChild(hostFile, [workerFile, String(workers), String(PORT_RANGE[0]), String(PORT_RANGE[1])]);
  const generator = startChild(fileURLToPath(new URL('./call-generator.mjs', import.meta.url)), []);
  try {
    await Promise.all([relay.request(undefined, 'ready'), generator.request(undefined, 'ready')]);
    console.log(`RTP relay benchmark (${profile.name}): ${profile.calls.join(', ')} calls; relay pid ${relay.pid}, generator pid ${generator.pid}`);
    const rows = [];
    for (const calls of profile.calls) {
      const row = await measureStep(calls, { relay, generator, profile });
      console.log(`  ${calls} calls: ${row.forwardedPerSecond.toFixed(0)} pkt/s, relay CPU ${row.relayCpuPercent.toFixed(1)} %, loss ${row.lossPercent.toFixed(3)} %, added p99 ${row.addedP99Ms.toFixed(3)} ms`);
      rows.push(row);
    }
    console.log(formatReport({ machine, profile, workers, rows }));
    writeResults(repoDir, 'relay', { machine, profile, workers, rows });
  } finally {
    await Promise.all([stopTracked(relay.tracked, 2000), stopTracked(generator.tracked, 2000)]);
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`\nBenchmark failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
