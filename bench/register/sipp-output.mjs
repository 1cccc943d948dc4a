// Reads SIPp 3.6.1's -trace_stat and -trace_counts files (";"-separated, one
// row per -fd period, the last row written at exit) into one summary per run.

/** Rows as objects keyed by the header names. */
export function parseSippCsv(text) {
  const [header, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  const names = header.split(';');
  return lines.map((line) => Object.fromEntries(line.split(';').map((value, i) => [names[i], value])));
}

/** Time cells read "date<TAB>time<TAB>epoch.micros"; the epoch is precise to the microsecond. */
const epochSeconds = (cell) => Number(cell.split('\t').pop());

/** The smallest repartition bound (ms) under which `fraction` of the completed registrations fell. */
function percentileBoundMs(row, fraction) {
  const buckets = Object.entries(row)
    .filter(([name]) => name.startsWith('ResponseTimeRepartition1_'))
    .map(([name, count]) => ({ bound: name.slice('ResponseTimeRepartition1_'.length), count: Number(count) }));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const { bound, count } of buckets) {
    seen += count;
    if (seen >= fraction * total) return bound; // "<5" means under 5 ms, ">=1000" a second or more
  }
  return null;
}

/**
 * `calls` is the -m the run was started with: a call SIPp never created
 * (stopped early) or never completed counts as a failure.
 */
export function summarizeSippRun({ statCsv, countsCsv, calls }) {
  const stat = parseSippCsv(statCsv).at(-1);
  const counts = parseSippCsv(countsCsv).at(-1);
  const elapsedS = epochSeconds(stat.CurrentTime) - epochSeconds(stat.StartTime);
  const successful = Number(stat['SuccessfulCall(C)']);
  // Scenario messages are numbered from 0: the first REGISTER, then the one with credentials.
  const registerRetrans = Object.keys(counts)
    .filter((name) => /^\d+_REGISTER_Retrans$/.test(name))
    .map((name) => Number(counts[name]));
  return {
    calls,
    created: Number(stat['OutgoingCall(C)']),
    successful,
    failed: calls - successful,
    sippFailedCalls: Number(stat['FailedCall(C)']),
    elapsedS,
    achievedRate: successful / elapsedS,
    registerRetransmissions: { initial: registerRetrans[0] ?? 0, withCredentials: registerRetrans[1] ?? 0 },
    responseTimeMs: { p50: percentileBoundMs(stat, 0.5), p99: percentileBoundMs(stat, 0.99) },
  };
}
