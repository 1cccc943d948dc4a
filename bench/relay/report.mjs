// The table run.mjs prints: one row per number of concurrent calls.

const GOAL = { lossPercent: 0.1, addedP99Ms: 2, callsPerCore: 300 };

/** Other programs using more than this (% of one core) during a step make its figures unreliable. */
const CONTENDED_OTHERS_PERCENT = 20;

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function formatReport({ machine, profile, workers, rows }) {
  const header = ['calls', 'fwd pkt/s', 'relay CPU %', 'CPU/call %', 'calls/core', 'loss %', 'added p50 ms', 'added p99 ms', 'relayed p50/p99 ms', 'direct p50/p99 ms', 'generator CPU %', 'others CPU %'];
  const lines = rows.map((r) => [
    `${r.otherCpuPercent > CONTENDED_OTHERS_PERCENT ? '*' : ''}${r.calls}`,
    fixed(r.forwardedPerSecond, 0),
    fixed(r.relayCpuPercent, 1),
    fixed(r.cpuPerCallPercent, 3),
    fixed(100 / r.cpuPerCallPercent, 0),
    fixed(r.lossPercent, 3),
    fixed(r.addedP50Ms, 3),
    fixed(r.addedP99Ms, 3),
    `${fixed(r.relayed.p50Ms, 3)} / ${fixed(r.relayed.p99Ms, 3)}`,
    `${fixed(r.direct.p50Ms, 3)} / ${fixed(r.direct.p99Ms, 3)}`,
    fixed(r.generatorCpuPercent, 0),
    fixed(r.otherCpuPercent, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [
    `\nRTP relay benchmark (${profile.name}): G.711 calls, 172-byte packets every 20 ms both ways; relay ${workers} worker threads`,
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.kernel}, Node ${machine.node}, load average at start ${machine.loadAverageAtStart.join(' ')}`,
    'Caveat: the generator, the relay and whatever else runs here share these cores; figures are a lower bound.',
    `Goal: loss < ${GOAL.lossPercent} %, added p99 < ${GOAL.addedP99Ms} ms, ≥ ${GOAL.callsPerCore} calls per core (CPU/call ≤ ${fixed(100 / GOAL.callsPerCore, 3)} % of a core).`,
    'CPU (% of one core) from /proc: the relay process (main thread + workers), the generator, and all other programs.',
    'Added latency = relayed − direct (same generator, no relay). A step where others took CPU the relay needed shows queueing, not the relay.',
    '',
    row(header),
    ...lines.map(row),
    ...(rows.some((r) => r.otherCpuPercent > CONTENDED_OTHERS_PERCENT) ? [`* other programs used > ${CONTENDED_OTHERS_PERCENT} % of a core during this step: its figures are not the relay's alone.`] : []),
  ].join('\n');
}
