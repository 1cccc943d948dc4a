import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from './child-process';
import { freeSipPort } from './free-port';
import type { Endpoint } from './sip-requests';

const TIMEOUT_MS = 25_000;

/**
 * Arguments that keep a sipvicious tool on loopback: bind 127.0.0.1, claim
 * 127.0.0.1 in its messages (-x), and use a free source port (-P; its
 * default is 5060, which may belong to someone else).
 */
async function loopbackArgs(target: Endpoint): Promise<string[]> {
  return ['-x', '127.0.0.1', '-b', '127.0.0.1', '-P', String(await freeSipPort()), '-p', String(target.port)];
}

/** HOME is the work folder, so nothing lands in the real ~/.sipvicious. */
const env = (workDir: string) => ({ ...process.env, HOME: workDir });

/** svmap: finds SIP devices and reports their User-Agent/Server. Returns its output. */
export async function svmap(target: Endpoint, workDir: string): Promise<string> {
  const result = await runProcess('svmap', [...(await loopbackArgs(target)), target.host], TIMEOUT_MS, { cwd: workDir, env: env(workDir) });
  return result.output;
}

export interface SvwarScan {
  /** Extensions to try, in this order. */
  extensions: readonly string[];
  method?: 'REGISTER' | 'INVITE' | 'OPTIONS';
  /** Scan even when an unknown extension gets an authentication request. */
  force?: boolean;
}

/** svwar: guesses which extensions exist from how the server answers each. Returns its output. */
export async function svwar(target: Endpoint, workDir: string, scan: SvwarScan): Promise<string> {
  const dictionary = join(workDir, 'svwar-extensions.txt');
  writeFileSync(dictionary, `${scan.extensions.join('\n')}\n`);
  const args = [...(await loopbackArgs(target)), '-d', dictionary, ...(scan.method ? ['-m', scan.method] : []), ...(scan.force ? ['--force'] : []), target.host];
  const result = await runProcess('svwar', args, TIMEOUT_MS, { cwd: workDir, env: env(workDir) });
  return result.output;
}
