// Turns the measurements into the console output: progress lines while the
// bench runs, then the machine and a side-by-side table with footnotes.
import { MAX_FAILED_FRACTION, MIN_ACHIEVED_FRACTION } from './load-step.mjs';
import { SIPP_CEILING } from './options.mjs';

const integer = (n) => Math.round(n).toLocaleString('en-US');
const retransmissions = (run) => run.registerRetransmissions.initial + run.registerRetransmissions.withCredentials;
const MB = 2 ** 20;

export function formatStepLine(name, step) {
  const verdict = step.pass ? 'PASS' : `FAIL (${step.failure})`;
  return (
    `  ${name.padEnd(9)} ${String(step.rate).padStart(6)}/s × ${Math.round(step.calls / step.rate)} s: achieved ${integer(step.achievedRate)}/s, ` +
    `failed ${step.failed}/${step.calls}, REGISTER retrans ${step.registerRetransmissions.initial}+${step.registerRetransmissions.withCredentials}, ` +
    `server CPU ${integer(step.serverCpuPercent)}% (${step.cpuMicrosPerRegistration === null ? '-' : integer(step.cpuMicrosPerRegistration)} µs/reg), ` +
    `SIPp CPU ${integer(step.sippCpuPercent)}%, p99 ${step.responseTimeMs.p99 ?? '-'} ms, PSS ${integer(step.serverPssBytes / MB)} MB, ` +
    `UDP drops ${step.udpBufferDrops.receive + step.udpBufferDrops.send}  ${verdict}`
  );
}

export function formatSippLine(name, what, run) {
  return `  ${name.padEnd(9)} ${what}: ${run.successful}/${run.calls} registered at ${integer(run.achievedRate)}/s, REGISTER retrans ${retransmissions(run)}`;
}

/** CPU per registration at the reference rate counts when the step did not fail registrations (it may still miss the rate). */
const referenceCpu = (step) => (step && step.failed / step.calls < MAX_FAILED_FRACTION ? step.cpuMicrosPerRegistration : null);

/** [label, footnote, value(result)]; a value is a number, a string, or null when it does not apply. */
function rows(profile) {
  const held = profile.sustainSeconds > 0;
  // The run that stands for "at the maximum": the long one when there is one.
  const atMax = (r) => (held ? r.sustained : r.rateSearch.best);
  const maybe = (pick) => (r) => (atMax(r) ? pick(atMax(r)) : null);
  return [
    [`Max registrations/s, ${profile.stepSeconds} s steps`, 1, (r) => r.rateSearch.best?.achievedRate ?? null],
    ['  target rate of that step (/s)', 1, (r) => r.rateSearch.best?.rate ?? null],
    ['  lowest failing target (/s)', 1, (r) => r.rateSearch.lowestFail?.rate ?? null],
    ...(held
      ? [
          [`That target held ${profile.sustainSeconds} s: achieved (/s)`, 2, maybe((s) => s.achievedRate)],
          ['  verdict, failed/total', 2, maybe((s) => `${s.pass ? 'pass' : 'FAIL'} ${integer(s.failed)}/${integer(s.calls)}`)],
        ]
      : []),
    ['  REGISTER retransmissions', 3, maybe(retransmissions)],
    ['  registration time p50 / p99 (ms)', 4, maybe((s) => `${s.responseTimeMs.p50} / ${s.responseTimeMs.p99}`)],
    ['  server CPU per registration (µs)', 5, maybe((s) => s.cpuMicrosPerRegistration)],
    ['  server CPU (% of one core)', 5, maybe((s) => s.serverCpuPercent)],
    ['  SIPp CPU (% of one core)', 5, maybe((s) => s.sippCpuPercent)],
    ['  server PSS at the end of the run (MB)', 8, maybe((s) => s.serverPssBytes / MB)],
    ['  UDP datagrams dropped, full buffers', 10, maybe((s) => s.udpBufferDrops.receive + s.udpBufferDrops.send)],
    ['REGISTER retrans. at lowest failing', 3, (r) => (r.rateSearch.lowestFail ? retransmissions(r.rateSearch.lowestFail) : null)],
    [`CPU per registration at ${integer(profile.search.startRate)}/s (µs)`, 5, (r) => referenceCpu(r.rateSearch.reference)],
    ['Bindings added (memory test)', 6, (r) => r.memory.added],
    ['Memory per binding (bytes)', 7, (r) => (r.server === 'kamailio' ? r.memory.perBinding.shmUsedBytes : r.memory.perBinding.rssBytes)],
    ['  RSS per binding (bytes)', 8, (r) => r.memory.perBinding.rssBytes],
    ['  PSS per binding (bytes)', 8, (r) => r.memory.perBinding.pssBytes],
    ['  JS heap per binding (bytes)', 9, (r) => r.memory.perBinding.jsHeapUsedBytes ?? null],
    ['  RSS with the bindings (MB)', 8, (r) => r.memory.after.rssBytes / MB],
    ['  PSS with the bindings (MB)', 8, (r) => r.memory.after.pssBytes / MB],
  ];
}

function cell(value) {
  if (value === null || value === undefined) return 'n/a';
  if (typeof value === 'string') return value;
  return Number.isInteger(value) || Math.abs(value) >= 100 ? integer(value) : value.toFixed(1);
}

function footnotes(profile) {
  const s = profile.search;
  const seconds = profile.sustainSeconds;
  const atMax = seconds > 0 ? `the ${seconds} s run` : 'the best step';
  return [
    `[1] SIPp, ${profile.stepSeconds} s per step at a fixed target rate (UDP; digest REGISTER → 401 → REGISTER → 200, refreshing the bindings of [6]).`,
    `    A step passes when under ${MAX_FAILED_FRACTION * 100} % of its registrations fail (unanswered ones included) and completed registrations`,
    `    divided by SIPp's run time reach ${MIN_ACHIEVED_FRACTION * 100} % of the target. Ramp from ${integer(s.startRate)}/s ×${s.factor}, then bisect to ${s.tolerance * 100} %.`,
    `    One SIPp tops out near ${integer(SIPP_CEILING)}/s: a server passing at ${integer(SIPP_CEILING)}/s may be faster than this bench can show.`,
    ...(seconds > 0
      ? [
          `[2] The best step's target again for ${seconds} s, same pass rule. Longer than Dialtone's Timer J (32 s), so the`,
          '    transactions it keeps per request reach their steady level. The indented rows below describe this run.',
        ]
      : []),
    `[3] REGISTER retransmissions by SIPp in ${atMax} (first request + request with credentials): an answer took over 500 ms or was lost.`,
    `[4] First REGISTER to 200 OK in ${atMax}, as the SIPp repartition bucket the percentile falls in ("<10" = under 10 ms).`,
    '[5] utime+stime of the server (Dialtone: its node process; Kamailio: all its processes) over the SIPp run, from /proc/PID/stat,',
    `    divided by completed registrations; % = CPU seconds / run seconds. At ${integer(s.startRate)}/s (the first step) both servers carry the same`,
    `    load (shown when under ${MAX_FAILED_FRACTION * 100} % failed). At the maximum they share the 2 cores with SIPp: contention is included.`,
    `[6] ${integer(profile.bindingUsers)} distinct users (user00000…) registered once each: one Contact, Expires 3600. Counted by the server itself`,
    '    (Dialtone: engine.status over the signed-in web bridge; Kamailio: usrloc:location_contacts).',
    `[7] (after − before) / bindings added, both read once the transactions of earlier requests had ended${profile.warmupCalls > 0 ? ', after a warm-up with other users' : ' (no warm-up in --quick: one-time JIT and pool growth is included)'}.`,
    '    Dialtone: process VmRSS after a forced full GC (V8 inspector). Kamailio: shared memory "used" (kamcmd core.shmmem), where usrloc keeps bindings.',
    '[8] RSS: VmRSS summed over the server\'s processes (a Kamailio shm page counts once per process that touched it).',
    '    PSS: Pss from /proc/PID/smaps_rollup summed, which counts every shared page once.',
    '[9] V8 heap used after a forced full GC (process.memoryUsage().heapUsed), Dialtone only.',
    `[10] Kernel UDP RcvbufErrors + SndbufErrors (/proc/net/snmp) during ${atMax}: whole machine, not only this bench.`,
    '     Drops turn into retransmissions; under overload they snowball.',
  ];
}

export function formatReport({ machine, profile, results }) {
  const names = Object.keys(results);
  const both = names.length === 2;
  const table = rows(profile);
  const lines = [
    '',
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.kernel}`,
    `         node ${machine.node}, SIPp ${machine.sipp}, Kamailio ${machine.kamailio}, load average at start ${machine.loadAverageAtStart.join(' ')}`,
    `         Dialtone build of ${machine.dialtoneBuiltAt}; profile "${profile.name}"`,
    '',
  ];
  const labelWidth = Math.max(...table.map(([label]) => label.length)) + 5;
  const header = ['Metric'.padEnd(labelWidth), ...names.map((n) => (n[0].toUpperCase() + n.slice(1)).padStart(21))];
  if (both) header.push('Dialtone/Kamailio'.padStart(19));
  lines.push(header.join(''), '-'.repeat(header.join('').length));
  for (const [label, note, value] of table) {
    const values = names.map((n) => value(results[n]));
    const row = [`${label} [${note}]`.padEnd(labelWidth), ...values.map((v) => ` ${cell(v).padStart(20)}`)];
    if (both) {
      const [dialtone, kamailio] = values;
      const ratio = typeof dialtone === 'number' && typeof kamailio === 'number' && kamailio !== 0 ? (dialtone / kamailio).toFixed(2) : '';
      row.push(ratio.padStart(19));
    }
    lines.push(row.join(''));
  }
  const atCeiling = names.filter((n) => results[n].rateSearch.best?.rate >= SIPP_CEILING);
  if (atCeiling.length > 0) lines.push('', `Note: ${atCeiling.join(' and ')} passed at SIPp's ceiling; the true maximum is higher.`);
  const short = names.filter((n) => results[n].memory.added !== results[n].memory.expected);
  if (short.length > 0) lines.push('', `Warning: ${short.join(' and ')} did not keep all ${integer(profile.bindingUsers)} bindings; per-binding figures use the count it reported.`);
  lines.push('', ...footnotes(profile));
  return lines.join('\n');
}
