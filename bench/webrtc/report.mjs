// The table run.mjs prints: one row per number of concurrent bridged calls.

const GOAL = { cpuPerCallPercent: 0.5, ringingMs: 100 };
const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function percentile(values, p) {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function formatReport({ machine, profile, idleCpuPercent, rows, srtp }) {
  const header = ['calls', 'kind', 'engine CPU %', 'CPU/call %', 'above idle %', 'loss %', 'ringing p50/p95/max ms', 'media up p50/max ms', 'memory/call KiB', 'callers CPU %', 'SIPp CPU %', 'others CPU %'];
  const lines = rows.map((r) => [
    String(r.calls),
    r.kind,
    fixed(r.engineCpuPercent, 1),
    fixed(r.cpuPerCallPercent, 3),
    fixed(r.cpuPerCallAboveIdlePercent, 3),
    fixed(r.lossPercent, 3),
    `${fixed(percentile(r.ringingMs, 50), 1)} / ${fixed(percentile(r.ringingMs, 95), 1)} / ${fixed(Math.max(...r.ringingMs), 1)}`,
    `${fixed(percentile(r.mediaMs, 50), 0)} / ${fixed(Math.max(...r.mediaMs), 0)}`,
    fixed(r.memoryPerCallBytes / 1024, 0),
    fixed(r.callersCpuPercent, 0),
    fixed(r.sippCpuPercent, 0),
    fixed(r.otherCpuPercent, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const srtpLine = (name, c) => `  ${name.padEnd(7)} protect ${fixed(c.protectUs, 2)} µs, unprotect ${fixed(c.unprotectUs, 2)} µs per packet → ${fixed(c.perCallPercent, 3)} % of a core per call (50 packets each way per second)`;
  return [
    `\nWebRTC bridge benchmark (${profile.name}): werift RTCPeerConnections (ICE, DTLS, SRTP) call through the engine over SIP (UDP) with WebRTC offers;`,
    'the callee is one SIPp UAS answering PCMU and echoing all RTP (-rtp_echo). Each call: 50 PCMU packets/s werift → relay (SRTP→RTP) → SIPp → relay (RTP→SRTP) → werift.',
    'kind rtp: the same calls from plain RTP/AVP sockets instead of werift, the baseline of a plain bridge in the same harness.',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.kernel}, Node ${machine.node}, load average at start ${machine.loadAverageAtStart.join(' ')}`,
    'Caveat: werift, SIPp, the engine and whatever else runs here share these cores; figures are an upper bound on the engine\'s cost.',
    `Goals: engine CPU per bridged call ≤ ${GOAL.cpuPerCallPercent} % of one core; dial → ringing < ${GOAL.ringingMs} ms on loopback.`,
    'engine CPU: the `dialtone serve` process (signalling thread + relay workers) from /proc over the measuring window, % of one core;',
    `CPU/call: that divided by the calls; above idle: less the engine's CPU with no call (${fixed(idleCpuPercent, 1)} %), divided by the calls.`,
    'ringing: first INVITE → 180 at the caller (includes the 407 digest round trip); media up: 200 OK → werift ICE+DTLS connected (rtp: at once).',
    'memory/call: engine RSS after a forced GC of its main thread, with N calls up minus before, divided by N (the workers\' heaps are not collected: noisy).',
    '',
    row(header),
    ...lines.map(row),
    '',
    'SRTP alone, same packets, this process (best of 5 rounds of 20,000 packets):',
    srtpLine('ours', srtp.ours),
    srtpLine('werift', srtp.werift),
  ].join('\n');
}
