// What the figures were measured on, printed above the table and kept in the JSON.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

function firstMatch(command, args, pattern) {
  try {
    const output = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 });
    return output.match(pattern)?.[1] ?? output.trim().split('\n')[0];
  } catch (error) {
    // sipp -v exits with 99 after printing its version
    const output = `${error.stdout ?? ''}`;
    return output.match(pattern)?.[1] ?? 'unknown';
  }
}

/** The computer and Node.js: all a benchmark of the engine's own code needs. */
export function describeHost() {
  const cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    cpuModel,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** The host, the SIP servers' versions and when the engine was built: for the benchmarks that compare servers. */
export function describeMachine(repoDir) {
  const { loadAverageAtStart, ...host } = describeHost();
  return {
    ...host,
    sipp: firstMatch('sipp', ['-v'], /SIPp (v[\w.-]+)/),
    kamailio: firstMatch('kamailio', ['-v'], /version: kamailio (\S+)/),
    loadAverageAtStart,
    dialtoneBuiltAt: statSync(join(repoDir, 'dist', 'main', 'cli.js')).mtime.toISOString(),
  };
}
