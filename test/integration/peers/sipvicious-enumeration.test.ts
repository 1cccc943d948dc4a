import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialtone, serve, type ServeProcess } from '../../support/peers/dialtone-cli';
import { svmap, svwar } from '../../support/peers/sipvicious';
import { TempDirs } from '../../support/peers/temp-dir';

const EXISTING = ['1001', '1002'];
// Existing extensions first: svwar compares each answer with the one a random (unknown) extension got.
const SCANNED = [...EXISTING, '1003', '9999'];

const temp = new TempDirs();
let engine: ServeProcess;
let workDir: string;

beforeAll(async () => {
  const dataDir = temp.make('sipvicious-data');
  workDir = temp.make('sipvicious-work');
  for (const number of EXISTING) await dialtone(['ext', 'add', number, '--password', `sv-${number}-password`, '--data-dir', dataDir]);
  engine = await serve(dataDir);
}, 30_000);

afterAll(async () => {
  await engine?.stop();
  temp.removeAll();
});

const target = () => ({ host: '127.0.0.1', port: engine.sipPort });

/**
 * svwar reached the engine (it first asks for a random extension, and says
 * when nothing answers) and ended with "found nothing" instead of its table
 * of extensions it believes exist.
 */
function expectNothingEnumerated(output: string): void {
  expect(output).not.toMatch(/No server response|socket error/);
  expect(output).toContain('found nothing');
}

describe('sipvicious cannot enumerate extensions', () => {
  it('svmap finds the engine on loopback and reports its Server header', async () => {
    const output = await svmap(target(), workDir);
    expect(output).toMatch(new RegExp(`\\| 127\\.0\\.0\\.1:${engine.sipPort} +\\| Dialtone +\\|`));
  }, 30_000);

  it('svwar, run plainly, gives up: an unknown extension is challenged like any other', async () => {
    const output = await svwar(target(), workDir, { extensions: SCANNED });
    expect(output).toContain('SIP server replied with an authentication request for an unknown extension');
    expectNothingEnumerated(output);
  }, 30_000);

  it.each(['REGISTER', 'INVITE', 'OPTIONS'] as const)('svwar --force -m %s finds no difference between existing and unknown extensions', async (method) => {
    const output = await svwar(target(), workDir, { extensions: SCANNED, method, force: true });
    expectNothingEnumerated(output);
    // For REGISTER and INVITE, svwar dumps the challenge 1001 got: the same status as the random extension's.
    if (method === 'REGISTER') expect(output).toMatch(/Response: 'SIP\/2\.0 401 Unauthorized\\r\\n.*sip:1001@/);
    if (method === 'INVITE') expect(output).toMatch(/Response: 'SIP\/2\.0 407 Proxy Authentication Required\\r\\n.*sip:1001@/);
  }, 30_000);
});
