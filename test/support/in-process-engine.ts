import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecurityLog } from '../../main/pbx/auth/security-log';
import { createSilentLogger } from '../../main/pbx/logger';
import { createPbx, type Pbx, type PbxOptions } from '../../main/pbx/pbx';

/** Tests run the sources; the relay's worker must be the built file (npm test builds first). */
export const RELAY_WORKER_URL = new URL('../../dist/main/media-relay-worker.js', import.meta.url);

export const TEST_ADMIN_PASSWORD = 'in-process-admin-pw';

export interface TestEngine {
  pbx: Pbx;
  httpPort: number;
  url: string;
  dataDir: string;
  securityLines: string[];
  stop(): Promise<void>;
}

/** The engine in this test process, on free loopback ports, with a fresh data folder. */
export async function startTestEngine(overrides: Partial<PbxOptions> = {}): Promise<TestEngine> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'dialtone-engine-'));
  const securityLines: string[] = [];
  const pbx = createPbx({
    dataDir,
    version: 'test',
    logger: createSilentLogger(),
    http: { bind: '127.0.0.1', port: 0 },
    initialAdminPassword: TEST_ADMIN_PASSWORD,
    securityLog: createSecurityLog((line) => securityLines.push(line)),
    // SIP and RTP on free ports, so tests never collide with each other or a running PBX.
    sip: { addresses: ['127.0.0.1'], port: 0 },
    media: { workerUrl: RELAY_WORKER_URL, workers: 1, portRange: [40000, 49999] },
    ...overrides,
  });
  const { httpPort } = await pbx.start();
  return { pbx, httpPort, url: `http://127.0.0.1:${httpPort}`, dataDir, securityLines, stop: () => pbx.stop() };
}

/** Signs in over HTTP and returns the session cookie. */
export async function signInCookie(url: string, password = TEST_ADMIN_PASSWORD, username = 'admin'): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
}
