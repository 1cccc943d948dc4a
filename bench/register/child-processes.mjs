// Every process the bench starts goes through here, so that all of them are
// stopped by the PID we recorded: on success, on error and on Ctrl-C.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { isSameProcess, processIdentity, processTree } from './proc-stats.mjs';

const running = new Set();

/** spawn() plus `exited`, a promise of { code, signal, error } that never rejects. */
export function startTracked(command, args, options = {}) {
  const child = spawn(command, args, options);
  running.add(child);
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => running.delete(child));
  return { child, exited };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function killIfSame(identity, signal) {
  if (!isSameProcess(identity)) return;
  try {
    process.kill(identity.pid, signal);
  } catch {
    // it exited between the check and the signal
  }
}

/**
 * SIGTERM to the root, then SIGKILL to whatever is left of the tree as it was
 * before the signal (Kamailio's children are re-parented once their main process dies).
 */
export async function stopTracked({ child, exited }, graceMs = 5000) {
  if (child.pid === undefined) return exited;
  const tree = processTree(child.pid).map(processIdentity).filter(Boolean);
  if (tree.length > 0) killIfSame(tree[0], 'SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  for (const identity of tree) killIfSame(identity, 'SIGKILL');
  return exited;
}

/**
 * Every tracked process is killed when the bench exits, however it exits. On
 * Ctrl-C or SIGTERM the bench also removes `workDir` (when given) and exits
 * with the signal's status.
 */
export function stopTrackedOnExit(workDir) {
  process.on('exit', killAllTrackedNow);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping everything the bench started.`);
      killAllTrackedNow();
      if (workDir) rmSync(workDir, { recursive: true, force: true });
      process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    });
  }
}

/** Synchronous last resort for 'exit' and signal handlers: SIGKILL every tracked tree. */
function killAllTrackedNow() {
  for (const child of running) {
    if (child.pid === undefined) continue;
    for (const pid of processTree(child.pid).reverse()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/**
 * Resolves with the first match of `pattern` in the lines of `stream`; rejects
 * when the process exits first or after `timeoutMs`.
 */
export function waitForLine(stream, pattern, { exited, timeoutMs, what }) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return finish(() => resolve(match));
      }
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`${what}: not seen within ${timeoutMs / 1000} s`))), timeoutMs);
    const finish = (settle) => {
      clearTimeout(timer);
      stream.off('data', onData);
      settle();
    };
    stream.on('data', onData);
    exited.then((result) => finish(() => reject(new Error(`${what}: the process exited first (${JSON.stringify(result)})`))));
  });
}
