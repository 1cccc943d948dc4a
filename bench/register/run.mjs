#!/usr/bin/env node
// Digest REGISTER benchmark: Dialtone against Kamailio 5.6, same users, same
// SIPp scenario, same machine, one run. See bench/README.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServer } from './bench-server.mjs';
import { stopTrackedOnExit } from './child-processes.mjs';
import { startDialtone } from './dialtone-server.mjs';
import { startKamailio } from './kamailio-server.mjs';
import { ensureBuilt } from './dist-build.mjs';
import { describeMachine } from './machine-info.mjs';
import { writeResults } from './results-file.mjs';
import { HELP, parseOptions } from './options.mjs';
import { formatReport } from './report.mjs';
import { writeUserSet } from './user-set.mjs';

const SCENARIO = '/work/shared/sip/sipp/register_auth.xml';
const repoDir = fileURLToPath(new URL('../..', import.meta.url));

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) return console.log(HELP);
  const { profile, servers } = options;

  const workDir = mkdtempSync(join(tmpdir(), 'dialtone-bench-register-'));
  stopTrackedOnExit(workDir);

  try {
    ensureBuilt(repoDir);
    const machine = describeMachine(repoDir);
    const users = writeUserSet(join(workDir, 'users'), profile);
    const log = (line) => console.log(line);
    log(`Registration benchmark (${profile.name}): ${servers.join(', ')}; ${users.total} users; work dir ${workDir}`);

    const starters = {
      dialtone: () => startDialtone({ repoDir, workDir, users }),
      kamailio: () => startKamailio({ workDir, users }),
    };
    const results = {};
    for (const name of servers) results[name] = await benchServer(starters[name], { workDir, scenario: SCENARIO, users, profile, log });

    console.log(formatReport({ machine, profile, results }));
    writeResults(repoDir, 'register', { machine, profile, results });
    rmSync(workDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`\nBenchmark failed: ${error.stack ?? error}`);
    console.error(`Logs and SIPp files are kept in ${workDir}`);
    process.exitCode = 1;
  }
}

await main();
