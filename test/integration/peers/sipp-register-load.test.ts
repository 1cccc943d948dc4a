import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectContract } from '../../support/peers/contract-client';
import { dialtone, PEER_ADMIN_PASSWORD, serve, type ServeProcess } from '../../support/peers/dialtone-cli';
import { numberedExtensions, writeImportCsv, writeSippInjectionFile } from '../../support/peers/extension-files';
import { runSipp } from '../../support/peers/sipp';
import { TempDirs } from '../../support/peers/temp-dir';

const SCENARIO = join(import.meta.dirname, '..', '..', 'fixtures', 'peers', 'sipp', 'register_auth.xml');
const USERS = numberedExtensions(3000, 200);
// Each user registers twice (SIPp reads the injection file in a loop): a new binding, then a refresh.
const CALLS = 400;
const RATE = 200;

const temp = new TempDirs();
let engine: ServeProcess;
let workDir: string;
let injectionFile: string;

beforeAll(async () => {
  const dataDir = temp.make('sipp-data');
  workDir = temp.make('sipp-work');
  const imported = await dialtone(['ext', 'import', writeImportCsv(workDir, USERS), '--data-dir', dataDir]);
  expect(imported).toContain(`Imported ${USERS.length} extensions.`);
  injectionFile = writeSippInjectionFile(workDir, USERS);
  engine = await serve(dataDir);
}, 60_000);

afterAll(async () => {
  await engine?.stop();
  temp.removeAll();
});

describe('SIPp registers 200 imported extensions with digest authentication', () => {
  it.each(['UDP', 'TCP'] as const)('over %s: every registration succeeds, none fails, and the engine shows each binding', async (protocol) => {
    const stats = await runSipp({
      scenario: SCENARIO,
      injectionFile,
      transport: protocol === 'UDP' ? 'u1' : 't1',
      target: { host: '127.0.0.1', port: engine.sipPort },
      calls: CALLS,
      ratePerSecond: RATE,
      timeoutSeconds: 30,
      workDir,
    });
    expect(stats.errors, stats.output).toBe('');
    expect(stats).toMatchObject({ created: CALLS, successful: CALLS, failed: 0, exitCode: 0 });

    const contract = await connectContract(engine.webUrl, 'admin', PEER_ADMIN_PASSWORD);
    try {
      const list = await contract.call('extensions.list', {});
      const registered = list.filter((e) => e.registrations.some((r) => r.protocol === protocol && r.userAgent === 'SIPp-harness'));
      expect(registered.map((e) => e.number).sort()).toEqual(USERS.map((u) => u.number).sort());
    } finally {
      contract.close();
    }
  }, 60_000);
});
