import { join } from 'node:path';
import { runProcess, startProcess, type ProcessExit } from './child-process';
import { freeSipPort } from './free-port';

const DIALTONE = join(import.meta.dirname, '..', '..', '..', 'bin', 'dialtone.js');
export const PEER_ADMIN_PASSWORD = 'peer-tests-admin-pw';

/** `dialtone <args>` as a user types it; fails with the command's output unless it exits 0. */
export async function dialtone(args: readonly string[], timeoutMs = 15_000): Promise<string> {
  const result = await runProcess(process.execPath, [DIALTONE, ...args], timeoutMs);
  if (result.code !== 0) throw new Error(`dialtone ${args.join(' ')} exited with ${result.code ?? result.signal}:\n${result.output}`);
  return result.output;
}

export interface ServeProcess {
  readonly webUrl: string;
  readonly sipPort: number;
  readonly dataDir: string;
  /** SIGTERM (a clean stop) or SIGKILL (a crash). */
  stop(signal?: NodeJS.Signals): Promise<ProcessExit>;
}

/**
 * `dialtone serve` as a child process on a free SIP port (the same for UDP and
 * TCP) and a free HTTP port. Ready once it prints its "SIP:" line, which must
 * name the port we asked for.
 */
export async function serve(dataDir: string, options: { sipPort?: number } = {}): Promise<ServeProcess> {
  const sipPort = options.sipPort ?? (await freeSipPort());
  const child = startProcess(process.execPath, [DIALTONE, 'serve', '--data-dir', dataDir, '--http-port', '0', '--sip-port', String(sipPort)], {
    env: { ...process.env, DIALTONE_ADMIN_PASSWORD: PEER_ADMIN_PASSWORD },
  });
  try {
    const [, udp, tcp] = await child.waitFor(/SIP:\s+\S.* UDP (\d+), TCP (\d+)/, 15_000);
    if (Number(udp) !== sipPort || Number(tcp) !== sipPort) throw new Error(`asked for SIP port ${sipPort}, got UDP ${udp}, TCP ${tcp}`);
    const [, webUrl] = await child.waitFor(/Web UI:\s+(http:\/\/\S+)/, 1_000);
    return { webUrl: webUrl as string, sipPort, dataDir, stop: (signal) => child.stop(signal) };
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  }
}
