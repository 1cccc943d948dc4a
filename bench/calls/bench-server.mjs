// The whole bench for one server: start it, register the callees from the
// SIPp UAS's port, search the call setup rate, then measure anchored calls
// with RTP at each N. The server is stopped on every path.
import { join } from 'node:path';
import { findFreePort } from '../register/free-port.mjs';
import { writeSippCallFiles } from './call-users.mjs';
import { runMediaStep } from './media-step.mjs';
import { registerCallees } from './register-callees.mjs';
import { formatMediaLine, formatRateLine } from './report.mjs';
import { searchSetupRate } from './setup-rate.mjs';

/** The SDP port of calls without RTP: the discard port; nothing is sent to it, since no side sends first. */
const NO_MEDIA_PORT = 9;

/** A fresh server with every callee registered from the port the SIPp UAS will bind. */
async function startRegistered(start, users, log) {
  const server = await start();
  try {
    const uasPort = await findFreePort();
    await registerCallees({ serverPort: server.sipPort, localPort: uasPort, callees: users.callees });
    log(`${server.name}: SIP on 127.0.0.1:${server.sipPort}, ${users.callees.length} callees registered from 127.0.0.1:${uasPort}`);
    return { server, uasPort };
  } catch (error) {
    error.message += `\n(${server.name} log: ${server.logFile})`;
    await server.stop();
    throw error;
  }
}

export async function benchServer(start, { workDir, users, profile, generator, keep, log }) {
  let target = await startRegistered(start, users, log);
  const name = target.server.name;
  const restart = async () => {
    log(`${name}: restarting, so the next step does not inherit the calls of a failed one`);
    await target.server.stop();
    target = await startRegistered(start, users, log);
  };
  try {
    const serverDir = join(workDir, name);
    const noMedia = users.callers.map(() => NO_MEDIA_PORT);
    const files = writeSippCallFiles(serverDir, users, { callerPorts: noMedia, calleePorts: noMedia });
    const context = { profile, workDir: serverDir, users, generator, keep, target: () => target, restart };
    const setupRate = await searchSetupRate({ ...context, files, onStep: (step) => log(formatRateLine(name, step)) });

    if (!setupRate.steps.at(-1)?.pass) await restart();
    const media = [];
    for (const calls of profile.media.calls) {
      const row = await runMediaStep(target, context, calls);
      log(formatMediaLine(name, row));
      media.push(row);
      if (!row.relayed) break; // the calls could not be set up: larger N will not be either
    }
    return { server: name, setupRate, media };
  } finally {
    await target.server.stop();
  }
}
