#!/usr/bin/env node
// Call benchmark: Dialtone (B2BUA + media relay) against Kamailio 5.6 with
// rtpengine, same users, same SIPp scenarios, same RTP generator, one run.
// Call setup rate without RTP, then N concurrent anchored G.711 calls with
// RTP. See bench/README.md. `npm run bench:calls [-- --quick]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopTrackedOnExit } from '../register/child-processes.mjs';
import { ensureBuilt } from '../register/dist-build.mjs';
import { describeMachine } from '../register/machine-info.mjs';
import { writeResults } from '../register/results-file.mjs';
import { benchServer } from './bench-server.mjs';
import { writeCallUsers } from './call-users.mjs';
import { startDialtone } from './dialtone-server.mjs';
import { startKamailio } from './kamailio-server.mjs';
import { startMediaGenerator } from './media-generator-client.mjs';
import { HELP, parseOptions } from './options.mjs';
import { formatReport } from './report.mjs';

const repoDir = fileURLToPath(new URL('../..', import.meta.url));

/** rtpengine prints its version on stderr. */
function rtpengineVersion() {
  const { stdout = '', stderr = '' } = spawnSync('rtpengine', ['--version'], { encoding: 'utf8', timeout: 5000 });
  return `${stdout}${stderr}`.match(/Version:\s*(\S+)/)?.[1] ?? 'unknown';
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  if (options.help) return console.log(HELP);
  const { profile, servers, keep } = options;

  const workDir = mkdtempSync(join(tmpdir(), 'dialtone-bench-calls-'));
  stopTrackedOnExit(workDir);

  let generator;
  try {
    ensureBuilt(repoDir);
    const machine = { ...describeMachine(repoDir), rtpengine: rtpengineVersion() };
    const users = writeCallUsers(join(workDir, 'users'), profile.users);
    generator = await startMediaGenerator();
    const startedAt = performance.now();
    const log = (line) => console.log(`[${String(Math.round((performance.now() - startedAt) / 1000)).padStart(3)} s] ${line.trimStart()}`);
    log(`Call benchmark (${profile.name}): ${servers.join(', ')}; ${profile.users} callers + ${profile.users} callees; RTP calls ${profile.media.calls.join(', ')}; work dir ${workDir}`);

    const starters = {
      dialtone: () => startDialtone({ repoDir, workDir, users }),
      kamailio: () => startKamailio({ workDir, users }),
    };
    const results = {};
    for (const name of servers) results[name] = await benchServer(starters[name], { workDir, users, profile, generator, keep, log });

    console.log(formatReport({ machine, profile, results }));
    writeResults(repoDir, 'calls', { machine, profile, results });
    const troubled = Object.values(results).some((r) => r.media.some((row) => row.problem));
    if (troubled || keep) console.log(`Server logs, SIPp files and captures are kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`\nBenchmark failed: ${error.stack ?? error}`);
    console.error(`Logs and SIPp files are kept in ${workDir}`);
    process.exitCode = 1;
  } finally {
    await generator?.stop();
  }
}

await main();
