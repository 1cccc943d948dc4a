// Anchored G.711 calls with RTP: for N concurrent calls, the server's CPU per
// call, packet loss and the latency the relay adds.
//
// One step: the generator binds 2N phones; SIPp sets up N calls whose SDP
// names those phones' ports (injection fields), and each answered call logs
// "<phone port> <server's RTP port from the SDP it got>" (uac-call.xml,
// uas-answer.xml). Once all 2N lines are in, the generator streams through
// the server for a warm-up and a measuring window, while the server's CPU is
// read from /proc over exactly that window and dumpcap samples packets on
// both sides of the relay (relay-capture.mjs). The calls then end with
// SIPp's BYEs.
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds } from '../register/proc-stats.mjs';
import { machineBusySeconds } from '../relay/system-cpu.mjs';
import { writeSippCallFiles } from './call-users.mjs';
import { startRelayCapture } from './relay-capture.mjs';
import { coolDown } from './setup-rate.mjs';
import { startCallBatch } from './sipp-calls.mjs';

const POLL_MS = 100;
/** Time allowed beyond N / setup rate for every call to be answered and logged. */
const ANSWER_SLACK_MS = 2000;
/** Calls stay up this long after the measuring window, so no BYE lands inside it. */
const HOLD_MARGIN_MS = 1000;
const GENERATOR_DRAIN_MS = 500;
/** Phones whose packets the capture samples (both directions of the first calls). */
const SAMPLED_PHONES = 40;
/** 50 packets/s each way per call. */
const PACKETS_PER_CALL_PER_SECOND = 2 * 50;
/** Below this share of the packets it should have sent, the generator fell behind and the step's figures do not hold. */
const MIN_SENT_SHARE = 0.95;
/** Above this share of every core busy, the server waited for CPU: its latency (and CPU per call) no longer describe it. */
const MAX_MACHINE_BUSY_SHARE = 0.95;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** "<phone port> <server port>" lines of a SIPp -trace_logs file, as a Map. */
function readPortLog(file) {
  if (!existsSync(file)) return new Map();
  const pairs = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((pair) => pair.length === 2 && pair.every(Number.isInteger));
  return new Map(pairs);
}

/** Waits until every phone knows the server port to send to; resolves with the targets, in phone order. */
async function learnServerPorts(batch, ports, deadline) {
  let finished = false;
  batch.done.finally(() => (finished = true));
  for (;;) {
    const uac = readPortLog(batch.logs.uac);
    const uas = readPortLog(batch.logs.uas);
    const caller = ports.caller.map((port) => uac.get(port));
    const callee = ports.callee.map((port) => uas.get(port));
    const answered = Math.min(caller.filter(Boolean).length, callee.filter(Boolean).length);
    if (answered === ports.caller.length) return { caller, callee };
    if (finished || performance.now() > deadline) throw new Error(`only ${answered} of ${ports.caller.length} calls were answered in time`);
    await sleep(POLL_MS);
  }
}

/** Streams through the server, reading CPU time (server, generator, whole machine) at the edges of the measuring window. */
async function streamAndMeasure({ generator, server, targets, media, runDir }) {
  const runId = randomInt(1, 2 ** 32 - 1);
  const capture = await startRelayCapture({
    file: join(runDir, 'relay-sample.pcap'),
    runId,
    phones: SAMPLED_PHONES,
    seconds: (media.warmupMs + media.measureMs + GENERATOR_DRAIN_MS) / 1000 + 1,
  });
  try {
    const sample = () => ({ at: performance.now(), server: cpuSeconds(server.pids()), generator: cpuSeconds([generator.pid]), machine: machineBusySeconds() });
    const resultReply = generator.next('result');
    resultReply.catch(() => undefined); // awaited below; a failure before that surfaces from the window wait
    await generator.next('window', { type: 'stream', runId, ...targets, warmupMs: media.warmupMs, measureMs: media.measureMs });
    const start = sample();
    await generator.next('window');
    const end = sample();
    const result = await resultReply;
    const seconds = (end.at - start.at) / 1000;
    const percent = (key) => (100 * (end[key] - start[key])) / seconds;
    return {
      ...result,
      cpuPercent: { server: percent('server'), generator: percent('generator'), machine: percent('machine') },
      transit: await capture.finish(result),
    };
  } finally {
    await capture.stop();
  }
}

export async function runMediaStep({ server, uasPort }, context, calls) {
  const { profile, workDir, users, generator, keep } = context;
  const media = profile.media;
  await coolDown(server);
  const ports = await generator.next('ports', { type: 'open', calls });
  try {
    const runDir = join(workDir, `media-${calls}`);
    const setupMs = (1000 * calls) / media.setupRate;
    const holdMs = Math.round(setupMs + ANSWER_SLACK_MS + media.warmupMs + media.measureMs + GENERATOR_DRAIN_MS + HOLD_MARGIN_MS);
    const files = writeSippCallFiles(runDir, users, { callerPorts: ports.caller, calleePorts: ports.callee });
    const startedAt = performance.now();
    const batch = await startCallBatch({ runDir, serverPort: server.sipPort, uasPort, files, calls, rate: media.setupRate, holdMs, mediaLogs: true, errorLogs: keep });
    let relayed = null;
    let problem = null;
    try {
      const targets = await learnServerPorts(batch, ports, startedAt + setupMs + ANSWER_SLACK_MS);
      relayed = await streamAndMeasure({ generator, server, targets, media, runDir });
      // The first call was answered after startedAt and hangs up holdMs after that.
      if (performance.now() - GENERATOR_DRAIN_MS > startedAt + holdMs) problem = 'calls began to end inside the window (slow setup)';
    } catch (error) {
      problem = error.message;
      await batch.stop();
    }
    const sipp = await batch.done;
    if (!problem && (sipp.uac.failed > 0 || sipp.uas.failed > 0)) problem = `${sipp.uac.failed} calls failed (callee side: ${sipp.uas.failed})`;
    const sentShare = relayed ? relayed.sent / ((calls * PACKETS_PER_CALL_PER_SECOND * relayed.measureMs) / 1000) : 1;
    if (!problem && sentShare < MIN_SENT_SHARE) problem = `the generator sent only ${Math.round(100 * sentShare)} % of the packets (the machine is too busy)`;
    const busyShare = relayed ? relayed.cpuPercent.machine / (100 * availableParallelism()) : 0;
    if (!problem && busyShare > MAX_MACHINE_BUSY_SHARE) problem = `every core was busy (${Math.round(100 * busyShare)} %): the server waited for CPU`;
    return summarize({ calls, relayed, sipp, problem });
  } finally {
    await generator.next('closed', { type: 'close' });
  }
}

function summarize({ calls, relayed, sipp, problem }) {
  const row = { calls, problem, relayed, sipp };
  if (!relayed) return row;
  const serverCpu = relayed.cpuPercent.server;
  return {
    ...row,
    serverCpuPercent: serverCpu,
    cpuPerCallPercent: serverCpu / calls,
    callsPerCore: serverCpu > 0 ? (100 * calls) / serverCpu : null,
    lossPercent: relayed.sent > 0 ? (100 * (relayed.sent - relayed.received)) / relayed.sent : null,
    misrouted: relayed.misrouted,
    addedLatencyMs: { p50: relayed.transit.p50Ms, p99: relayed.transit.p99Ms, max: relayed.transit.maxMs, samples: relayed.transit.packets },
    endToEndMs: { p50: relayed.latencyUs.p50 / 1000, p99: relayed.latencyUs.p99 / 1000 },
    packetsPerSecond: (relayed.received / relayed.measureMs) * 1000,
  };
}
