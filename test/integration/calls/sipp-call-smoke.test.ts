import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Caller } from '../../../main/pbx/api/contract-dispatch';
import { startTestEngine, type TestEngine } from '../../support/in-process-engine';
import { Uac } from '../../support/uac';

const ADMIN: Caller = { username: 'admin', role: 'admin', origin: 'test' };
const SIPP_DIR = '/work/shared/sip/sipp';
let engine: TestEngine;

function sipp(args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('sipp', args, { cwd });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

beforeAll(async () => {
  engine = await startTestEngine();
  await engine.pbx.handlers['extensions.create']({ number: '1001', password: 'caller-password' }, ADMIN);
  await engine.pbx.handlers['extensions.create']({ number: '1002', password: 'callee-password' }, ADMIN);
});
afterAll(() => engine.stop());

it('SIPp UAC calls SIPp UAS through the B2BUA', async () => {
  const sipPort = engine.pbx.sip.transport.ports().udp;
  const uasPort = 35090;
  const reg = await Uac.open('udp', { host: '127.0.0.1', port: sipPort }, uasPort);
  expect((await reg.register('1002', 'callee-password', { contact: `<sip:1002@127.0.0.1:${uasPort}>`, expires: 600 })).status).toBe(200);
  reg.close();
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  writeFileSync(join(dir, 'caller.csv'), 'SEQUENTIAL\n1001;caller-password\n');
  const uas = sipp(['-sf', join(SIPP_DIR, 'uas_answer_rtp.xml'), '-i', '127.0.0.1', '-p', String(uasPort), '-mi', '127.0.0.1', '-mp', '36090', '-rtp_echo', '-m', '1', '-nostdin', '-trace_err'], dir);
  await new Promise((r) => setTimeout(r, 300));
  const uac = await sipp(
    ['-sf', join(SIPP_DIR, 'uac_call_pcap.xml'), '-inf', join(dir, 'caller.csv'), '-s', '1002', '-i', '127.0.0.1', '-p', '35091', '-mi', '127.0.0.1', '-mp', '36091', `127.0.0.1:${sipPort}`, '-m', '1', '-nostdin', '-trace_err'],
    dir,
  );
  const uasResult = await uas;
  console.log(uac.out.slice(-1500));
  expect(uac.code).toBe(0);
  expect(uasResult.code).toBe(0);
  const history = await engine.pbx.handlers['calls.history']({ limit: 5 }, ADMIN);
  console.log(history);
  expect(history[0]).toMatchObject({ caller: '1001', callee: '1002', disposition: 'answered' });
});
