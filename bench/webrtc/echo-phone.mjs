// The plain-RTP side of every bench call: one SIPp UAS for a whole step
// (-m N calls), registered as the callee extension from the port it then
// binds, echoing all RTP on its media port back to the relay (-rtp_echo).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCallees } from '../calls/register-callees.mjs';
import { startTracked, stopTracked } from '../register/child-processes.mjs';
import { findFreePort } from '../register/free-port.mjs';

const SCENARIO = fileURLToPath(new URL('./uas-echo.xml', import.meta.url));
const BIND_TIMEOUT_MS = 5000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something is bound to this UDP port (reading /proc/net/udp does not steal it). */
function udpPortBound(port) {
  const suffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/udp', 'utf8')
    .split('\n')
    .some((line) => line.trim().split(/\s+/)[1]?.endsWith(suffix));
}

export async function startEchoPhone({ serverPort, callee, calls, workDir, timeoutSeconds }) {
  const sipPort = await findFreePort();
  // SIPp binds the media port and the one two above it.
  const mediaPort = await findFreePort({ offsets: [0, 2] });
  await registerCallees({ serverPort, localPort: sipPort, callees: [callee] });
  const handle = startTracked(
    'sipp',
    ['-sf', SCENARIO, '-i', '127.0.0.1', '-p', String(sipPort), '-mi', '127.0.0.1', '-mp', String(mediaPort), '-rtp_echo', '-t', 'u1', '-m', String(calls), '-nostdin', '-timeout', `${timeoutSeconds}s`, '-timeout_error', '-trace_err', '-error_file', join(workDir, `sipp-${sipPort}-errors.log`)],
    { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const deadline = Date.now() + BIND_TIMEOUT_MS;
  while (!udpPortBound(sipPort)) {
    if (Date.now() > deadline) {
      await stopTracked(handle, 500);
      throw new Error(`SIPp did not bind UDP ${sipPort}`);
    }
    await sleep(20);
  }
  return {
    pid: handle.child.pid,
    /** SIPp exits 0 once all its calls ended normally. */
    finished: () => Promise.race([handle.exited, sleep(10_000).then(() => ({ code: 'timeout' }))]),
    stop: () => stopTracked(handle, 1000),
  };
}
