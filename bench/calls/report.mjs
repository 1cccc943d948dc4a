// Console output: a line per step while the bench runs, then the machine, a
// side-by-side table of the servers with the ratio Dialtone / Kamailio, the
// footnotes, and Dialtone's goals.
import { MIN_ACHIEVED_FRACTION } from './setup-rate.mjs';

const LABELS = { dialtone: 'Dialtone', kamailio: 'Kamailio+rtpengine' };
const GOALS = { setupRate: 500, callsPerCore: 300, maxLossPercent: 0.1, maxAddedP99Ms: 2 };

function number(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  if (typeof value === 'string') return value;
  const abs = Math.abs(value);
  const places = digits ?? (abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
  return value.toLocaleString('en-US', { minimumFractionDigits: places, maximumFractionDigits: places });
}

export function formatRateLine(name, step) {
  const verdict = step.pass ? 'PASS' : `FAIL (${step.failure})`;
  return (
    `  ${name.padEnd(9)} setup ${String(step.rate).padStart(5)}/s: ${step.uac.successful}/${step.calls} calls, achieved ${number(step.uac.achievedRate, 0)}/s, ` +
    `retrans ${step.uac.retransmissions}+${step.uas.retransmissions}, INVITE→200 p99 ${step.uac.setupTimeMs.p99 ?? '-'} ms, ` +
    `server CPU ${number(step.serverCpuPercent, 0)}% (${number(step.cpuMsPerCall)} ms/call)  ${verdict}`
  );
}

export function formatMediaLine(name, row) {
  const head = `  ${name.padEnd(9)} ${String(row.calls).padStart(4)} calls with RTP:`;
  if (!row.relayed) return `${head} FAILED: ${row.problem}`;
  return (
    `${head} server CPU ${number(row.serverCpuPercent, 1)}% (${number(row.cpuPerCallPercent)}%/call, ${number(row.callsPerCore, 0)} calls/core), ` +
    `loss ${number(row.lossPercent)}%, in the relay p50 ${number(row.addedLatencyMs.p50)} / p99 ${number(row.addedLatencyMs.p99)} ms ` +
    `(end to end ${number(row.endToEndMs.p50)} / ${number(row.endToEndMs.p99)} ms), ` +
    `generator CPU ${number(row.relayed.cpuPercent.generator, 0)}%, machine busy ${number(row.relayed.cpuPercent.machine, 0)}%` +
    (row.problem ? `  PROBLEM: ${row.problem}` : '')
  );
}

/** [label, footnote, value(result)]: a number, a string, or null where it does not apply. */
function rows(profile) {
  const best = (r) => r.setupRate.best;
  // A step with a problem (its progress line says which) is shown, starred, and left out of the ratios.
  const media = (calls, pick) => (r) => {
    const row = r.media.find((m) => m.calls === calls);
    if (!row?.relayed) return null;
    return row.problem ? `${number(pick(row))}*` : pick(row);
  };
  return [
    [`Call setup rate, 0 failures (calls/s)`, 1, (r) => best(r)?.rate ?? null],
    ['  achieved at that step (calls/s)', 1, (r) => best(r)?.uac.achievedRate ?? null],
    ['  lowest failing step (calls/s)', 1, (r) => r.setupRate.lowestFail?.rate ?? null],
    ['  server CPU per call (ms)', 2, (r) => best(r)?.cpuMsPerCall ?? null],
    ['  server CPU (% of one core)', 2, (r) => best(r)?.serverCpuPercent ?? null],
    ['  INVITE→200 p50 / p99 (ms, bucket)', 3, (r) => (best(r) ? `${best(r).uac.setupTimeMs.p50} / ${best(r).uac.setupTimeMs.p99}` : null)],
    ...profile.media.calls.flatMap((calls) => [
      [`${calls} calls with RTP: server CPU (% core)`, 4, media(calls, (m) => m.serverCpuPercent)],
      ['  CPU per call (% of one core)', 4, media(calls, (m) => m.cpuPerCallPercent)],
      ['  calls per core at this load', 4, media(calls, (m) => m.callsPerCore)],
      ['  machine busy, every program (% of one core)', 4, media(calls, (m) => m.relayed.cpuPercent.machine)],
      ['  packet loss (%)', 5, media(calls, (m) => m.lossPercent)],
      ['  added latency in the relay p50 (ms)', 6, media(calls, (m) => m.addedLatencyMs.p50)],
      ['  added latency in the relay p99 (ms)', 6, media(calls, (m) => m.addedLatencyMs.p99)],
    ]),
  ];
}

const FOOTNOTES = (profile) => [
  `SIPp UAC → server → SIPp UAS over UDP, digest-authenticated INVITE (407), SDP offer/answer, ${profile.holdMs / 1000} s hold, BYE; no RTP. ` +
    `${profile.rateStepSeconds} s steps from ${profile.search.startRate}/s ×${profile.search.factor} then bisection (at most ${profile.search.maxSteps}). ` +
    `A step passes with 0 failed calls on both SIPp sides and calls completed at ≥ ${100 * MIN_ACHIEVED_FRACTION} % of the target rate.`,
  'utime+stime from /proc of every server process and thread (Kamailio: all its processes plus rtpengine), over the step.',
  "SIPp's ResponseTimeRepartition bucket (upper bound) for INVITE → 200, digest round trip included.",
  `${profile.media.measureMs / 1000} s window after ${profile.media.warmupMs / 1000} s warm-up; 50 PCMU packets/s each way per call. ` +
    '"Calls per core" = N / server CPU in cores: how many such calls one core would carry at this load. ' +
    '"Machine busy" counts everything on the 2 cores (the server, the generator, dumpcap, other people\'s programs): the latency figures move with it.',
  'Packets sent inside the window that did not arrive at the phone the call latched on (lost, late past 0.5 s, or misrouted).',
  'Time a packet spends in the server: dumpcap on lo sees each sampled packet (both directions of the first calls) enter and leave the relay; ' +
    'the difference of the two kernel timestamps (µs). A direct path adds nothing between them. The generator\'s own end-to-end figures, which include its scheduling delays, are in the progress lines and the JSON.',
];

export function formatReport({ machine, profile, results }) {
  const servers = Object.keys(results);
  const out = [];
  out.push('', `Call benchmark (${profile.name}) — machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.kernel}`);
  out.push(`  node ${machine.node}, SIPp ${machine.sipp}, Kamailio ${machine.kamailio}, rtpengine ${machine.rtpengine}; load average at start ${machine.loadAverageAtStart.join(' ')}`);
  out.push(`  Dialtone build ${machine.dialtoneBuiltAt}`, '');

  const table = rows(profile).map(([label, note, value]) => {
    const values = servers.map((s) => value(results[s]));
    const ratio = servers.length === 2 && typeof values[0] === 'number' && typeof values[1] === 'number' && values[1] !== 0 ? `${number(values[0] / values[1], 2)}×` : '';
    return [`${label} [${note}]`, ...values.map((v) => number(v)), ratio];
  });
  const header = ['', ...servers.map((s) => LABELS[s]), servers.length === 2 ? 'Dialtone/Kamailio' : ''];
  const widths = header.map((_, i) => Math.max(...[header, ...table].map((row) => String(row[i]).length)));
  for (const row of [header, ...table]) out.push(row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ').trimEnd());
  out.push('');
  FOOTNOTES(profile).forEach((note, i) => out.push(`[${i + 1}] ${note}`));
  out.push('*  The step had a problem (its progress line says which): not a valid figure.');
  if (results.dialtone) out.push('', ...goalLines(results.dialtone));
  return out.join('\n');
}

/** Dialtone's targets: 500 calls/s with 0 failures; 300 calls per core with < 0.1 % loss and < 2 ms added p99. */
function goalLines(result) {
  const rate = result.setupRate.best?.rate ?? 0;
  const lines = [`Dialtone goals: call setup ≥ ${GOALS.setupRate}/s with 0 failures: ${rate}/s → ${rate >= GOALS.setupRate ? 'MET' : 'NOT MET'}`];
  for (const row of result.media) {
    if (!row.relayed) {
      lines.push(`  ${row.calls} calls: not measured (${row.problem})`);
      continue;
    }
    const clean = row.lossPercent < GOALS.maxLossPercent && row.addedLatencyMs.p99 < GOALS.maxAddedP99Ms;
    const met = clean && row.callsPerCore >= GOALS.callsPerCore && !row.problem;
    lines.push(
      `  ${row.calls} calls: ${number(row.callsPerCore, 0)} calls/core (≥ ${GOALS.callsPerCore}), loss ${number(row.lossPercent)}% (< ${GOALS.maxLossPercent}), ` +
        `added p99 ${number(row.addedLatencyMs.p99)} ms (< ${GOALS.maxAddedP99Ms}) → ${met ? 'MET' : 'NOT MET'}${row.problem ? ` (${row.problem})` : ''}`,
    );
  }
  return lines;
}
