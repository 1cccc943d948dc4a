import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ADMIN_PASSWORD = 'test-admin-password-1';
const ROOT = join(import.meta.dirname, '..', '..');

export interface EngineProcess {
  readonly url: string;
  readonly httpPort: number;
  readonly dataDir: string;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the built CLI (`dialtone serve`) as a real child process, as a user
 * would, and waits for its "Web UI:" line. Port 0 picks free ports.
 */
export async function startEngine(options: { dataDir?: string; args?: string[]; httpPort?: number } = {}): Promise<EngineProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dialtone-test-'));
  const child: ChildProcess = spawn(
    process.execPath,
    // SIP on a free port too: a test never takes 5060 from another run.
    [join(ROOT, 'bin', 'dialtone.js'), 'serve', '--data-dir', dataDir, '--http-port', String(options.httpPort ?? 0), '--sip-port', '0', ...(options.args ?? [])],
    { env: { ...process.env, DIALTONE_ADMIN_PASSWORD: ADMIN_PASSWORD }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const httpPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not start in 15 s:\n${output}`)), 15_000);
    const check = () => {
      const match = /Web UI:\s+https?:\/\/[^:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before it was ready:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${httpPort}`,
    httpPort,
    dataDir,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
