// Reads CPU time and memory of process trees from /proc (Linux only).
// proc(5): /proc/PID/stat fields 14-15 are utime/stime in clock ticks, 22 is starttime.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Fields after "pid (comm)"; comm may hold spaces and parentheses, so split after the last ")". */
function statFields(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // the process has gone
  }
}

// Indexes into statFields(): field N of proc(5) is at N - 3.
const PPID = 4 - 3;
const UTIME = 14 - 3;
const STIME = 15 - 3;
const STARTTIME = 22 - 3;

/** The process and all its living descendants, parents first. */
export function processTree(rootPid) {
  if (!statFields(rootPid)) return [];
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    if (!fields) continue;
    const ppid = Number(fields[PPID]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** pid + start time names one process even if the pid is reused later. */
export function processIdentity(pid) {
  const fields = statFields(pid);
  return fields ? { pid, startTime: fields[STARTTIME] } : undefined;
}

export function isSameProcess(identity) {
  return statFields(identity.pid)?.[STARTTIME] === identity.startTime;
}

/** User + system CPU seconds consumed so far by the given processes (all threads). */
export function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[UTIME]) + Number(fields[STIME]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

function kilobytesField(path, name) {
  try {
    const match = readFileSync(path, 'utf8').match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Sum of VmRSS: pages shared between processes (Kamailio's shm) count once per process. */
export function rssBytes(pids) {
  return pids.reduce((sum, pid) => sum + kilobytesField(`/proc/${pid}/status`, 'VmRSS'), 0);
}

/** Sum of PSS: each shared page is split between the processes mapping it, so the sum counts it once. */
export function pssBytes(pids) {
  return pids.reduce((sum, pid) => sum + kilobytesField(`/proc/${pid}/smaps_rollup`, 'Pss'), 0);
}

/**
 * Datagrams the kernel dropped because a socket's receive or send buffer was
 * full (/proc/net/snmp, "Udp:" RcvbufErrors and SndbufErrors). The counters
 * cover the whole network namespace, so other UDP traffic on the machine counts too.
 */
export function udpBufferDrops() {
  const [names, values] = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('Udp:'))
    .map((line) => line.split(/\s+/).slice(1));
  const counter = (name) => Number(values[names.indexOf(name)]);
  return { receive: counter('RcvbufErrors'), send: counter('SndbufErrors') };
}
